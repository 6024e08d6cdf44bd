-- include.lua: the book's one source of truth (pandoc 2.17 Lua filter).
--
--   ```{.c include="code/ch01-mapping/mapview.c" region="find"}
--   ```                      -> the lines between the region's markers
--   ```{.output file="ch01/summary"}
--   ```                      -> build/out/ch01/summary.txt, headed by its command
--   [ratio]{.value file="ch03/seek.values" key="lseek_read_over_mmap"}
--                            -> the value of that key, as a run measured it
--   [[faster]{when="ratio > 1"}[slower]{when="ratio <= 1"}]{.choose file="ch03/seek.values"}
--                            -> the one variant whose condition the run's values satisfy
--   ::: {.choose file="..."}  with  :::: {when="..."} divs inside: the same, for paragraphs
--
-- Measured wording: a condition is "KEY OP NUMBER" or "KEY OP KEY", OP one of
-- < <= > >= == !=, several joined by " and ". Every variant's condition is
-- evaluated; a missing key, a value that is not a number, a condition that
-- cannot be read, no variant that holds, or more than one, stops the build.
--
-- A region is marked in the source by comment lines such as
--   /* region: find */ ... /* end region: find */
-- Marker lines are stripped from every listing. Any missing file, unknown,
-- empty, duplicated or unbalanced region, missing output or value, a C block
-- typed into the prose, or an image without alt text stops the build.

local OUT = os.getenv("BOOK_OUT") or "build/out"

local function fail(message)
  io.stderr:write("include.lua: " .. message .. "\n")
  os.exit(1)
end

local function read_lines(path, what)
  local f = io.open(path, "r")
  if not f then fail(path .. ": no such file" .. (what or "")) end
  local lines = {}
  for line in f:lines() do lines[#lines + 1] = line end
  f:close()
  return lines
end

-- A marker is a whole comment line: "/* region: x */", "// region: x", "# region: x".
local function marker(line)
  local body = line:match("^%s*/%*%s*(.-)%s*%*/%s*$")
      or line:match("^%s*//%s*(.-)%s*$")
      or line:match("^%s*#%s*(.-)%s*$")
  if not body then return nil end
  local name = body:match("^end region:%s*([%w_%-]+)$")
  if name then return "end", name end
  name = body:match("^region:%s*([%w_%-]+)$")
  if name then return "start", name end
  return nil
end

-- Check every marker in the file, then return the lines of one region.
local function region_lines(path, lines, wanted)
  local open, seen, first, last = {}, {}, nil, nil
  for i, line in ipairs(lines) do
    local kind, name = marker(line)
    if kind == "start" then
      if seen[name] then fail(path .. ": region '" .. name .. "' is marked twice") end
      seen[name], open[name] = true, i
      if name == wanted then first = i end
    elseif kind == "end" then
      if not open[name] then
        fail(path .. ": 'end region: " .. name .. "' (line " .. i .. ") has no 'region: " .. name .. "' before it")
      end
      open[name] = nil
      if name == wanted then last = i end
    end
  end
  for name, line in pairs(open) do
    fail(path .. ": region '" .. name .. "' (line " .. line .. ") is never closed by 'end region: " .. name .. "'")
  end
  if wanted and not first then fail(path .. ": no region '" .. wanted .. "'") end
  local out = {}
  for i = (first or 0) + 1, (last or #lines + 1) - 1 do
    if not marker(lines[i]) then out[#out + 1] = lines[i] end
  end
  return out
end

-- Remove the indentation all lines share, so a listing starts at the margin.
local function dedent(lines)
  local shared
  for _, line in ipairs(lines) do
    if line:match("%S") then
      local indent = #line:match("^ *")
      if not shared or indent < shared then shared = indent end
    end
  end
  local out = {}
  for i, line in ipairs(lines) do out[i] = line:sub((shared or 0) + 1) end
  while #out > 0 and not out[1]:match("%S") do table.remove(out, 1) end
  while #out > 0 and not out[#out]:match("%S") do table.remove(out) end
  return out
end

local function include_listing(block, path)
  local region = block.attributes.region
  local what = region and (" (wanted for region '" .. region .. "')") or ""
  local lines = dedent(region_lines(path, read_lines(path, what), region))
  if #lines == 0 then
    fail(path .. ": region '" .. (region or "(whole file)") .. "' is empty")
  end
  local attr = pandoc.Attr(block.identifier, block.classes, {})
  local label = path .. (region and (" — " .. region) or "")
  return pandoc.Div({
    pandoc.Div({ pandoc.Plain({ pandoc.Code(label) }) }, pandoc.Attr("", { "listing-file" })),
    pandoc.CodeBlock(table.concat(lines, "\n"), attr),
  }, pandoc.Attr("", { "listing" }))
end

local function include_output(file)
  local path = OUT .. "/" .. file .. ".txt"
  local lines = read_lines(path, " (run 'make outputs' to capture it)")
  if #lines == 0 or not lines[1]:match("^%$ ") then
    fail(path .. ": an output must start with the '$ command' that made it")
  end
  return pandoc.Div({ pandoc.CodeBlock(table.concat(lines, "\n"), pandoc.Attr("", { "console" })) },
    pandoc.Attr("", { "output" }))
end

function CodeBlock(block)
  if block.attributes.include then
    return include_listing(block, block.attributes.include)
  end
  if block.classes:includes("output") then
    local file = block.attributes.file
    if not file then fail("an .output block needs file=\"chNN/name\"") end
    return include_output(file)
  end
  if block.classes:includes("c") or block.classes:includes("C") then
    local first = block.text:match("^[^\n]*") or ""
    fail("a C block without include= starts with: " .. first .. " (include it from code/ instead)")
  end
  if block.attributes.region then fail("region= without include=") end
  return nil
end

-- The KEY=VALUE files the demos write, read once each.
local value_files = {}
local function values_of(file)
  if not value_files[file] then
    local path = OUT .. "/" .. file
    local t = {}
    for _, line in ipairs(read_lines(path, " (run 'make outputs' to measure it)")) do
      local k, v = line:match("^([^=]+)=(.*)$")
      if k then t[k] = v end
    end
    value_files[file] = t
  end
  return value_files[file]
end

local function number_of(file, values, word, condition)
  local n = tonumber(word)
  if n then return n end
  local v = values[word]
  if v == nil then fail(OUT .. "/" .. file .. ": no value for key '" .. word .. "' (in when=\"" .. condition .. "\")") end
  n = tonumber(v)
  if not n then fail(OUT .. "/" .. file .. ": " .. word .. "=" .. v .. " is not a number (in when=\"" .. condition .. "\")") end
  return n
end

local compare = {
  ["<"] = function(a, b) return a < b end,  ["<="] = function(a, b) return a <= b end,
  [">"] = function(a, b) return a > b end,  [">="] = function(a, b) return a >= b end,
  ["=="] = function(a, b) return a == b end, ["!="] = function(a, b) return a ~= b end,
}

-- Evaluate a whole condition: every clause, so a missing key fails even when
-- an earlier clause is already false.
local function holds(file, condition)
  local values, result, clauses = values_of(file), true, 0
  for clause in (condition .. " and "):gmatch("(.-)%s+and%s+") do
    local a, op, b = clause:match("^%s*([%w_%.%-]+)%s*([<>=!]=?)%s*([%w_%.%-]+)%s*$")
    if not a or not compare[op] then
      fail("when=\"" .. condition .. "\": cannot read '" .. clause .. "' (want KEY OP NUMBER or KEY OP KEY)")
    end
    if not compare[op](number_of(file, values, a, condition), number_of(file, values, b, condition)) then
      result = false
    end
    clauses = clauses + 1
  end
  if clauses == 0 then fail("an empty when= condition") end
  return result
end

-- Pick the one variant (a Span or Div with when=) that holds.
local function choose(element, kind)
  local file = element.attributes.file
  if not file then fail("a .choose " .. kind .. " needs file=\"chNN/NAME.values\"") end
  local chosen, conditions = {}, {}
  for _, part in ipairs(element.content) do
    local condition = part.attributes and part.attributes.when
    if condition then
      conditions[#conditions + 1] = condition
      if holds(file, condition) then chosen[#chosen + 1] = { part = part, condition = condition } end
    elseif not (part.t == "Space" or part.t == "SoftBreak") then
      fail("a .choose " .. kind .. " may hold only variants with when= (found " .. part.t .. ")")
    end
  end
  if #conditions == 0 then fail("a .choose " .. kind .. " without variants") end
  if #chosen == 0 then
    fail(OUT .. "/" .. file .. ": no variant holds among: " .. table.concat(conditions, " | "))
  end
  if #chosen > 1 then
    fail(OUT .. "/" .. file .. ": more than one variant holds: " .. chosen[1].condition .. " | " .. chosen[2].condition)
  end
  return chosen[1].part.content
end

function Span(span)
  if span.classes:includes("choose") then
    return pandoc.Span(choose(span, "span"), pandoc.Attr("", { "measured-wording" }))
  end
  if not span.classes:includes("value") then return nil end
  local file, key = span.attributes.file, span.attributes.key
  if not file or not key then fail("a .value span needs file= and key=") end
  local v = values_of(file)[key]
  if v == nil then fail(OUT .. "/" .. file .. ": no value for key '" .. key .. "'") end
  return pandoc.Span({ pandoc.Str(v) }, pandoc.Attr("", { "measured" }))
end

function Div(div)
  if div.classes:includes("choose") then
    return pandoc.Div(choose(div, "div"), pandoc.Attr("", { "measured-wording" }))
  end
  return nil
end

function Image(img)
  if #img.caption == 0 then fail(img.src .. ": a figure needs a caption (its alt text)") end
  if not img.src:match("^%a+:") then
    local f = io.open(img.src, "r")
    if not f then fail(img.src .. ": no such image (run 'make outputs' to draw it)") end
    f:close()
  end
  return nil
end
