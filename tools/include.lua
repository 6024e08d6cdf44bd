-- include.lua: the book's one source of truth (pandoc 2.17 Lua filter).
--
--   ```{.c include="code/ch01-mapping/mapview.c" region="find"}
--   ```                      -> the lines between the region's markers
--   ```{.output file="ch01/summary"}
--   ```                      -> build/out/ch01/summary.txt, headed by its command
--   [ratio]{.value file="ch03/seek.values" key="lseek_read_over_mmap"}
--                            -> the value of that key, as a run measured it
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

function Span(span)
  if not span.classes:includes("value") then return nil end
  local file, key = span.attributes.file, span.attributes.key
  if not file or not key then fail("a .value span needs file= and key=") end
  local path = OUT .. "/" .. file
  for _, line in ipairs(read_lines(path, " (run 'make outputs' to measure it)")) do
    local k, v = line:match("^([^=]+)=(.*)$")
    if k == key then return pandoc.Span({ pandoc.Str(v) }, pandoc.Attr("", { "measured" })) end
  end
  fail(path .. ": no value for key '" .. key .. "'")
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
