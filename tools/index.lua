-- index.lua: build the book's index of system calls and flags.
--
-- Every inline `name()` and every flag or constant in inline code (MAP_SHARED,
-- PROT_READ, MS_SYNC, O_RDWR, SIGBUS, ENODEV, ...) is recorded with the section
-- it appears in, and so is each of the tutorial's own functions whose
-- definition a C listing shows. A Div with the identifier "syscall-index" is
-- replaced by the index: each term, then links to the sections that use it.
-- Run it before links.lua, which checks those links; tools/check-index.py
-- checks, its own way, that no term is missed.

-- Every errno name Linux defines: an index that knows only some would miss
-- the others without a word (it once missed EFAULT and ENOSPC).
local ERRNO = {}
for name in ([[
  E2BIG EACCES EADDRINUSE EADDRNOTAVAIL EADV EAFNOSUPPORT EAGAIN EALREADY EBADE EBADF
  EBADFD EBADMSG EBADR EBADRQC EBADSLT EBFONT EBUSY ECANCELED ECHILD ECHRNG ECOMM
  ECONNABORTED ECONNREFUSED ECONNRESET EDEADLOCK EDESTADDRREQ EDOM EDOTDOT EDQUOT EEXIST
  EFAULT EFBIG EHOSTDOWN EHOSTUNREACH EIDRM EILSEQ EINPROGRESS EINTR EINVAL EIO EISCONN
  EISDIR EISNAM EKEYEXPIRED EKEYREJECTED EKEYREVOKED EL2HLT EL2NSYNC EL3HLT EL3RST
  ELIBACC ELIBBAD ELIBEXEC ELIBMAX ELIBSCN ELNRNG ELOOP EMEDIUMTYPE EMFILE EMLINK
  EMSGSIZE EMULTIHOP ENAMETOOLONG ENAVAIL ENETDOWN ENETRESET ENETUNREACH ENFILE ENOANO
  ENOBUFS ENOCSI ENODATA ENODEV ENOENT ENOEXEC ENOKEY ENOLCK ENOLINK ENOMEDIUM ENOMEM
  ENOMSG ENONET ENOPKG ENOPROTOOPT ENOSPC ENOSR ENOSTR ENOSYS ENOTBLK ENOTCONN ENOTDIR
  ENOTEMPTY ENOTNAM ENOTRECOVERABLE ENOTSOCK ENOTSUP ENOTTY ENOTUNIQ ENXIO EOVERFLOW
  EOWNERDEAD EPERM EPFNOSUPPORT EPIPE EPROTO EPROTONOSUPPORT EPROTOTYPE ERANGE EREMCHG
  EREMOTE EREMOTEIO ERESTART ERFKILL EROFS ESHUTDOWN ESOCKTNOSUPPORT ESPIPE ESRCH ESRMNT
  ESTALE ESTRPIPE ETIME ETIMEDOUT ETOOMANYREFS ETXTBSY EUCLEAN EUNATCH EUSERS
  EWOULDBLOCK EXDEV EXFULL
]]):gmatch("%u[%u%d]+") do ERRNO[name] = true end

local terms, order = {}, {}
local section = nil -- { id = ..., label = ... }
local own = {}      -- functions this repository defines, from the metadata

-- A signal (SIGBUS), an errno name (ENODEV), or any other flag or constant:
-- an upper-case name with an underscore (MAP_SHARED, F_SEAL_SHRINK, _SC_PAGESIZE),
-- the same rule tools/check-index.py applies.
local function flag_kind(token)
  if ERRNO[token] then return "errors" end
  if token:match("^SIG[A-Z0-9]+$") then return "signals" end
  local core = token:gsub("^_+", ""):gsub("_+$", "")
  if token:match("^[A-Z_][A-Z0-9_]*$") and core:find("_", 1, true) and #token > 3 then
    return "flags"
  end
  return nil
end

local function add(term, kind)
  local entry = terms[term]
  if not entry then
    entry = { kind = kind, sections = {}, seen = {} }
    terms[term] = entry
    order[#order + 1] = term
  end
  if not entry.seen[section.id] then
    entry.seen[section.id] = true
    entry.sections[#entry.sections + 1] = section
  end
end

-- Every call (`name(`, but not a method such as obj.find() and not main) and
-- every flag in a piece of inline code, such as `msync(addr, n, MS_SYNC)`.
local function note(text)
  if not section then return end
  for at, call in text:gmatch("()%f[%w_]([%a_][%w_]*)%(") do
    local before = at > 1 and text:sub(at - 1, at - 1) or ""
    if before ~= "." and call ~= "main" and not call:match("^[A-Z_0-9]+$") then
      add(call .. "()", own[call] and "helpers" or "calls")
    end
  end
  for token in text:gmatch("[%a_][%w_]*") do
    local kind = flag_kind(token)
    if kind then add(token, kind) end
  end
end

-- A C listing that shows one of the tutorial's own functions in full (its
-- definition starts at the margin) indexes that function where it is shown.
local function note_definitions(text)
  if not section then return end
  for line in (text .. "\n"):gmatch("([^\n]*)\n") do
    local name = line:match("^[%a_][%w_ %*]-[ %*]([%a_][%w_]*)%(")
    if name and own[name] and not line:match(";%s*$") then add(name .. "()", "helpers") end
  end
end

local function scan_block(block)
  pandoc.walk_block(block, {
    Code = function(c) note(c.text) end,
    CodeBlock = function(c)
      if c.classes:includes("c") then note_definitions(c.text) end
    end,
  })
end

local function build_index()
  local groups = { { "calls", "System and library calls" }, { "helpers", "The tutorial's own functions" },
    { "flags", "Flags and constants" },
    { "signals", "Signals" }, { "errors", "Error numbers" } }
  local blocks = {}
  for _, group in ipairs(groups) do
    local names = {}
    for _, term in ipairs(order) do
      if terms[term].kind == group[1] then names[#names + 1] = term end
    end
    table.sort(names, function(a, b) return a:lower() < b:lower() end)
    if #names > 0 then
      blocks[#blocks + 1] = pandoc.Header(2, { pandoc.Str(group[2]) },
        pandoc.Attr("index-" .. group[1], { "unnumbered" }))
      local items = {}
      for _, term in ipairs(names) do
        local inl = { pandoc.Code(term), pandoc.Str(":"), pandoc.Space() }
        for i, s in ipairs(terms[term].sections) do
          if i > 1 then inl[#inl + 1] = pandoc.Str(";"); inl[#inl + 1] = pandoc.Space() end
          inl[#inl + 1] = pandoc.Link(s.label, "#" .. s.id)
        end
        items[#items + 1] = { pandoc.Plain(inl) }
      end
      blocks[#blocks + 1] = pandoc.BulletList(items)
    end
  end
  return blocks
end

function Pandoc(doc)
  local names = doc.meta["own-functions"]
  for name in pandoc.utils.stringify(names or ""):gmatch("[%w_]+") do own[name] = true end
  local placeholder = nil
  local chapter, sub = 0, 0 -- the numbers pandoc's --number-sections will give
  for i, block in ipairs(doc.blocks) do
    if block.t == "Header" then
      local numbered = not block.classes:includes("unnumbered")
      if block.level == 1 and numbered then chapter, sub = chapter + 1, 0 end
      if block.level == 2 and numbered then sub = sub + 1 end
      if block.level <= 2 and block.identifier ~= "" then
        -- number.lua (run first) has written the number each heading will show.
        local number = block.attributes.number or (block.level == 1 and tostring(chapter) or (chapter .. "." .. sub))
        local label = { pandoc.Str(number) }
        if not numbered then label = block.content end
        section = { id = block.identifier, label = label }
      end
      if block.identifier == "index" or block.classes:includes("back-matter") then
        section = nil -- the back matter is not indexed
      end
    elseif block.t == "Div" and block.identifier == "syscall-index" then
      placeholder = i
    else
      scan_block(block)
    end
  end
  if placeholder then
    doc.blocks[placeholder] = pandoc.Div(build_index(), pandoc.Attr("syscall-index"))
  end
  return doc
end
