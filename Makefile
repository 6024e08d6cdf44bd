# Memory-Mapped Files in C: build, run, test and publish.  `make help` lists the targets.
#
# Everything is found by pattern, so a new chapter is a new directory:
#   code/chNN-slug/NAME.c    -> build/bin/NAME       (one program, one main, per .c file)
#   code/chNN-slug/lib/*.c   -> build/lib/libchNN.a  (that chapter's modules, linked into
#                                                     its programs and its tests test_chNN_*)
#   code/chNN-slug/demo.sh   -> make chapterN         (outputs in build/out/chNN/)
#   tests/test_chNN_*.c      -> build/tests/test_*   (cmocka suites)
#   chapters/NN-slug.md      -> the book, in file-name order after book.md

SHELL := /bin/bash
CC ?= cc
CFLAGS ?= -O2 -g
# The standard and the warnings are not negotiable; CFLAGS adds to them.
# _FILE_OFFSET_BITS=64: 64-bit off_t on 32-bit systems too, so large files work.
# -U_FORTIFY_SOURCE: a fortified read() or pread() calls __read_chk, which
# bypasses the tests' -Wl,--wrap=read fault injection; keep the plain calls.
STD_FLAGS  := -std=c11 -D_POSIX_C_SOURCE=200809L -D_FILE_OFFSET_BITS=64 -U_FORTIFY_SOURCE
WARN_FLAGS := -Wall -Wextra -Wpedantic -Werror
BUILD ?= build
OUT   := build/out
DATA  := build/data
BOOK  := build/book
DOCS  := build/docs

ifdef SANITIZE
SAN_FLAGS := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
endif
ALL_CFLAGS := $(STD_FLAGS) $(WARN_FLAGS) $(CFLAGS) $(SAN_FLAGS) -MMD -MP
# -pthread: chapter 7's process-shared mutexes live in libpthread before glibc 2.34.
ALL_LDFLAGS := $(LDFLAGS) $(SAN_FLAGS) -pthread

# Objects built with other flags are stale: a change of CC or flags (a new
# -D, SANITIZE) rebuilds everything that depends on this file.
FLAGS_STAMP := $(BUILD)/.flags
FLAGS_NOW   := $(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS)
$(shell mkdir -p $(BUILD) && { [ "$$(cat $(FLAGS_STAMP) 2>/dev/null)" = "$(FLAGS_NOW)" ] || echo "$(FLAGS_NOW)" > $(FLAGS_STAMP); })

# V=1 shows every command; otherwise one short line per step.
ifeq ($(V),1)
Q :=
say = @true
else
Q := @
say = @printf '  %-7s %s\n' $(1) $(2)
endif

COMMON_SRCS  := $(wildcard code/common/*.c)
COMMON_OBJS  := $(COMMON_SRCS:code/common/%.c=$(BUILD)/obj/common/%.o)
COMMON_LIB   := $(BUILD)/lib/libcommon.a
CHAPTER_DIRS := $(sort $(wildcard code/ch[0-9][0-9]-*))
PROGRAM_SRCS := $(foreach d,$(CHAPTER_DIRS),$(wildcard $(d)/*.c))
# chapter_key: code/ch03-seeking -> ch03
chapter_key   = $(firstword $(subst -, ,$(notdir $(1))))
chapter_dir   = $(filter code/$(1)-%,$(CHAPTER_DIRS))
chapter_lib   = $(if $(wildcard $(call chapter_dir,$(1))/lib/*.c),$(BUILD)/lib/lib$(1).a)
chapter_incs  = $(addprefix -I,$(wildcard $(call chapter_dir,$(1))/lib))
PROGRAMS     := $(foreach s,$(PROGRAM_SRCS),$(BUILD)/bin/$(basename $(notdir $(s))))
CHAPTER_NUMS := $(foreach d,$(CHAPTER_DIRS),$(patsubst 0%,%,$(patsubst code/ch%,%,$(firstword $(subst -, ,$(d))))))
DEMOS        := $(wildcard code/ch*/demo.sh)
HELPER_SRCS  := $(wildcard tests/helpers/*.c)
HELPER_OBJS  := $(HELPER_SRCS:tests/helpers/%.c=$(BUILD)/obj/helpers/%.o)
TEST_SRCS    := $(sort $(wildcard tests/test_*.c))
TESTS        := $(TEST_SRCS:tests/%.c=$(BUILD)/tests/%)
# Preload libraries the tests use to stage hostile conditions (tests/preload/NAME.c).
# Never sanitized: they are loaded into programs, ahead of the sanitizer's runtime.
PRELOADS     := $(patsubst tests/preload/%.c,$(BUILD)/tests/%.so,$(wildcard tests/preload/*.c))
# Every function tests/helpers/fault.c wraps is wrapped in every suite.
WRAPPED      := $(sort $(shell sed -n 's/^[a-z_ *]*__wrap_\([A-Za-z0-9_]*\).*/\1/p' tests/helpers/fault.c))
WRAP_FLAGS   := $(foreach f,$(WRAPPED),-Wl,--wrap=$(f))
CMOCKA_LIBS  := $(shell pkg-config --libs cmocka 2>/dev/null || echo -lcmocka)
TEST_CPPFLAGS := -I. -Icode/common -Itests/helpers \
                 -DBIN_DIR='"$(abspath $(BUILD)/bin)"' -DSOURCE_DIR='"$(CURDIR)"' \
                 -DPRELOAD_DIR='"$(abspath $(BUILD)/tests)"'
BOOK_SRCS    := book.md $(sort $(wildcard chapters/*.md))
FILTERS      := tools/authors.lua tools/include.lua tools/number.lua tools/book.lua tools/index.lua tools/links.lua
# Diagrams: diagrams/NAME.dot (Graphviz source) -> build/diagrams/NAME.svg, which
# a chapter shows with ![Caption.](build/diagrams/NAME.svg){#fig-NAME alt="..."}.
DIAGRAM_DIR  := build/diagrams
DIAGRAMS     := $(patsubst diagrams/%.dot,$(DIAGRAM_DIR)/%.svg,$(sort $(wildcard diagrams/*.dot)))
PANDOC_FLAGS := --from markdown --standalone --toc --toc-depth=2 --number-sections --reference-location=block \
                --highlight-style=tango --lua-filter tools/authors.lua --lua-filter tools/include.lua --lua-filter tools/number.lua \
                --lua-filter tools/book.lua --lua-filter tools/index.lua --lua-filter tools/links.lua \
                --resource-path=. --metadata=own-functions:"$(shell tools/own-functions.sh)"
CODE_SRCS    := $(shell find code -type f 2>/dev/null)
# The book includes these; make chapterN rewrites them, and the book must follow.
OUT_FILES    := $(shell find $(OUT) -type f ! -name .stamp 2>/dev/null)

.PHONY: all test check valgrind outputs book pdf docs clean help exercises exercise check-exercises \
        book-check print-pandoc-flags print-book-srcs diagrams html hint watch handout grade-class
# deps-GROUP (below) is a pattern rule with no file behind it, so it always runs;
# .PHONY cannot name a pattern.
.DEFAULT_GOAL := all
.SECONDARY:
.DELETE_ON_ERROR:

all: $(PROGRAMS) ## build every chapter's program into build/bin/

deps-%: ## (internal) check for the tools a group of targets needs; install them on Debian/Ubuntu
	$(Q)tools/deps.sh $*

$(BUILD)/obj/common/%.o: code/common/%.c $(FLAGS_STAMP)
	$(call say,CC,$@)
	$(Q)mkdir -p $(@D) && $(CC) $(ALL_CFLAGS) -c $< -o $@

$(COMMON_LIB): $(COMMON_OBJS)
	$(call say,AR,$@)
	$(Q)mkdir -p $(@D) && rm -f $@ && $(AR) rcs $@ $^

# A chapter's modules: code/chNN-slug/lib/*.c -> build/lib/libchNN.a
define chapter_lib_rule
$(BUILD)/obj/$(call chapter_key,$(1))/%.o: $(1)/lib/%.c $(FLAGS_STAMP)
	$$(call say,CC,$$@)
	$(Q)mkdir -p $$(@D) && $$(CC) $$(ALL_CFLAGS) -Icode/common -I$(1)/lib -c $$< -o $$@

$(BUILD)/lib/lib$(call chapter_key,$(1)).a: $(patsubst $(1)/lib/%.c,$(BUILD)/obj/$(call chapter_key,$(1))/%.o,$(wildcard $(1)/lib/*.c))
	$$(call say,AR,$$@)
	$(Q)mkdir -p $$(@D) && rm -f $$@ && $$(AR) rcs $$@ $$^
endef
$(foreach d,$(CHAPTER_DIRS),$(if $(wildcard $(d)/lib/*.c),$(eval $(call chapter_lib_rule,$(d)))))

# A program: code/chNN-slug/NAME.c, linked with its chapter's modules and code/common.
define program_rule
$(BUILD)/bin/$(basename $(notdir $(1))): $(1) $(call chapter_lib,$(2)) $(COMMON_LIB) $(FLAGS_STAMP)
	$$(call say,CCLD,$$@)
	$(Q)mkdir -p $$(@D) && $$(CC) $$(ALL_CFLAGS) -Icode/common $(call chapter_incs,$(2)) $$< \
	    $(call chapter_lib,$(2)) $(COMMON_LIB) $$(ALL_LDFLAGS) -lm -o $$@
endef
$(foreach s,$(PROGRAM_SRCS),$(eval $(call program_rule,$(s),$(call chapter_key,$(patsubst %/,%,$(dir $(s)))))))

chapter%: all | deps-chart ## build chapter N's program and run its demonstration
	$(Q)tools/run-chapter.sh $*

outputs: all | deps-chart ## re-run every chapter and capture its output under build/out/
	$(Q)rm -f $(OUT)/.stamp && $(MAKE) --no-print-directory $(OUT)/.stamp

# With `make -j outputs book`, the book must wait for outputs' own run of the
# chapters rather than start a second one beside it.
$(OUT)/.stamp: $(PROGRAMS) $(DEMOS) $(wildcard code/ch*/*.gp) tools/demo-lib.sh tools/run-chapter.sh tools/svgflat.py | deps-chart $(filter outputs,$(MAKECMDGOALS))
	$(Q)mkdir -p $(OUT) && { echo "$$ tools/machine.sh"; tools/machine.sh; } > $(OUT)/machine.txt
	$(Q)for n in $(CHAPTER_NUMS); do tools/run-chapter.sh $$n || exit 1; done
	$(Q)touch $@

$(BUILD)/obj/helpers/%.o: tests/helpers/%.c $(FLAGS_STAMP) | deps-test
	$(call say,CC,$@)
	$(Q)mkdir -p $(@D) && $(CC) $(ALL_CFLAGS) $(TEST_CPPFLAGS) -c $< -o $@

# A suite: tests/test_chNN_NAME.c, linked with chapter NN's modules (unit tests
# include their headers, never a program's .c file).
define test_rule
$(BUILD)/tests/$(1): tests/$(1).c $(HELPER_OBJS) $(call chapter_lib,$(2)) $(COMMON_LIB) tests/helpers/fault.c $(FLAGS_STAMP) | deps-test
	$$(call say,CCLD,$$@)
	$(Q)mkdir -p $$(@D) $(BUILD)/obj/tests && $$(CC) $$(ALL_CFLAGS) -MF $(BUILD)/obj/tests/$(1).d $$(TEST_CPPFLAGS) \
	    $(call chapter_incs,$(2)) $$< $(HELPER_OBJS) $(call chapter_lib,$(2)) $(COMMON_LIB) \
	    $$(ALL_LDFLAGS) $$(WRAP_FLAGS) $$(CMOCKA_LIBS) -lm -o $$@
endef
$(foreach t,$(TEST_SRCS),$(eval $(call test_rule,$(basename $(notdir $(t))),$(word 2,$(subst _, ,$(notdir $(t)))))))

# Not $(STD_FLAGS): without _FILE_OFFSET_BITS=64, a preload can define mmap and
# mmap64 under their own names (tests/preload/shrink.c), and so catch both.
$(BUILD)/tests/%.so: tests/preload/%.c
	$(call say,CCLD,$@)
	$(Q)mkdir -p $(@D) && $(CC) -std=c11 -D_POSIX_C_SOURCE=200809L $(WARN_FLAGS) -O2 -fPIC -shared $< -ldl -o $@

test: $(PROGRAMS) $(TESTS) $(PRELOADS) ## run every cmocka suite (end-to-end and unit tests)
	$(Q)tools/run-tests.sh $(TESTS)

# Sanitizers report through their own handlers; the tutorial's programs catch
# or expect SIGSEGV and SIGBUS themselves, so ASan must leave those signals alone.
check: ## the tests again, built with AddressSanitizer and UBSan
	$(Q)$(MAKE) --no-print-directory BUILD=build/check SANITIZE=1 test \
	    ASAN_OPTIONS=handle_segv=0:handle_sigbus=0:detect_leaks=1:verify_asan_link_order=0 \
	    UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
export ASAN_OPTIONS UBSAN_OPTIONS

# Every end-to-end test again, each program run under valgrind's memcheck:
# an invalid access or a definite leak makes the program exit 99, failing its test.
valgrind: $(PROGRAMS) $(TESTS) $(PRELOADS) | deps-valgrind ## the tests again, every program run under valgrind
	$(Q)RUN_UNDER="valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite" \
	    tools/run-tests.sh $(TESTS)

book: $(BOOK)/book.html $(BOOK)/book.epub html ## write the book: build/book/book.html, book.epub and html/

html: $(BOOK)/html/index.html ## the book as one page per chapter, with contents and search: build/book/html/

diagrams: $(DIAGRAMS) ## draw the diagrams (diagrams/*.dot, Graphviz) into build/diagrams/

$(DIAGRAM_DIR)/%.svg: diagrams/%.dot | deps-diagram
	$(call say,DOT,$@)
	$(Q)mkdir -p $(@D) && dot -Tsvg $< -o $@.tmp && mv $@.tmp $@

$(BOOK)/book.html: $(BOOK_SRCS) AUTHORS $(FILTERS) tools/book.css $(OUT)/.stamp $(OUT_FILES) $(CODE_SRCS) $(DIAGRAMS) | deps-book
	$(call say,PANDOC,$@)
	$(Q)mkdir -p $(@D) && pandoc $(PANDOC_FLAGS) --to html5 --self-contained --css tools/book.css -o $@ $(BOOK_SRCS)

# The multi-page edition: pandoc writes the whole book with a <section> per
# chapter, and split-html.py cuts it into pages that link to each other.
$(BOOK)/html/index.html: $(BOOK_SRCS) AUTHORS $(FILTERS) tools/book.css tools/pages.css tools/split-html.py \
        $(OUT)/.stamp $(OUT_FILES) $(CODE_SRCS) $(DIAGRAMS) | deps-book
	$(call say,PANDOC,$(BOOK)/html/)
	$(Q)mkdir -p $(@D) && pandoc $(PANDOC_FLAGS) --to html5 --section-divs -o $(BOOK)/whole.html $(BOOK_SRCS)
	$(Q)python3 tools/split-html.py $(BOOK)/whole.html $(@D) && rm -f $(BOOK)/whole.html
	$(Q)cp tools/book.css tools/pages.css $(@D)/

$(BOOK)/book.epub: $(BOOK_SRCS) AUTHORS $(FILTERS) tools/epub.css $(OUT)/.stamp $(OUT_FILES) $(CODE_SRCS) $(DIAGRAMS) | deps-book
	$(call say,PANDOC,$@)
	$(Q)mkdir -p $(@D) && pandoc $(PANDOC_FLAGS) --to epub3 --epub-chapter-level=1 --css tools/epub.css -o $@ $(BOOK_SRCS)

pdf: $(BOOK)/book.pdf ## write the book as PDF (WeasyPrint): build/book/book.pdf

$(BOOK)/book.pdf: $(BOOK_SRCS) AUTHORS $(FILTERS) tools/print.lua tools/print.css $(OUT)/.stamp $(OUT_FILES) $(CODE_SRCS) $(DIAGRAMS) | deps-pdf
	$(call say,PANDOC,$(BOOK)/print.html)
	$(Q)mkdir -p $(@D) && pandoc $(PANDOC_FLAGS) --lua-filter tools/print.lua --to html5 --self-contained --css tools/print.css \
	    -o $(BOOK)/print.html $(BOOK_SRCS)
	$(call say,PDF,$@)
	@# fontTools warns once per glyph of Inconsolata's CFF outlines it subsets; they print fine.
	$(Q)set -o pipefail; weasyprint --quiet $(BOOK)/print.html $@ 2>&1 \
	    | { grep -v 'has a huge advance width' || true; } >&2

docs: ## the C API reference with Doxygen: build/docs/html/index.html
	$(Q)tools/deps.sh docs
	$(Q)tools/check-headers.sh
	$(call say,DOXYGEN,$(DOCS))
	$(Q)mkdir -p $(DOCS) && doxygen tools/Doxyfile

book-check: book pdf ## check the book: filters refuse bad input, every chapter has outputs, PDF complete, rebuilds agree
	$(Q)tools/check-book.sh

print-pandoc-flags: ## (internal) the flags every book build gives pandoc
	@echo $(PANDOC_FLAGS)
print-book-srcs: ## (internal) the book's sources, in order
	@echo $(BOOK_SRCS)

clean: ## remove everything generated (build/, and the data a chapter kept on disk when build/ was on tmpfs)
	rm -rf build "$${MMF_DISK_DIR:-/var/tmp}/mmf-data-$$(id -u)"

help: ## list the targets
	@echo "Targets (N is a chapter number, 1 to $(words $(wildcard chapters/[0-8][0-9]-*.md)); chapters without a program: $(or $(filter-out $(CHAPTER_NUMS),$(patsubst 0%,%,$(foreach f,$(wildcard chapters/[0-8][0-9]-*.md),$(firstword $(subst -, ,$(notdir $(f))))))),none)):"
	@sed -n 's/^\([a-z%-]*\):.*## \(.*\)/\1\t\2/p' $(MAKEFILE_LIST) | grep -v '(internal)' | \
	    sed 's/^chapter%/chapterN/' | awk -F'\t' '{printf "  make %-16s %s\n", $$1, $$2}'
	@echo "Variables: CC, CFLAGS, LDFLAGS, V=1 (show commands)."

# Exercises: exercises/chNN/SLUG.c (the learner's starter) or
# exercises/solutions/chNN/SLUG.c, linked with exercises/chNN/test_SLUG.c.
.SECONDEXPANSION:
EX_CFLAGS := $(filter-out -MMD -MP,$(ALL_CFLAGS)) $(TEST_CPPFLAGS)
ex_link = mkdir -p $(@D) && $(CC) $(EX_CFLAGS) -Iexercises/$(dir $*) $(1) \
    exercises/$(dir $*)test_$(notdir $*).c $(HELPER_OBJS) $(COMMON_LIB) $(ALL_LDFLAGS) \
    $(WRAP_FLAGS) $(CMOCKA_LIBS) -lm -o $@

$(BUILD)/ex/starter/%: exercises/%.c exercises/$$(dir $$*)test_$$(notdir $$*).c \
        $(HELPER_OBJS) $(COMMON_LIB) | deps-test
	$(call say,CCLD,$@)
	$(Q)$(call ex_link,exercises/$*.c)

$(BUILD)/ex/solution/%: exercises/solutions/%.c exercises/$$(dir $$*)test_$$(notdir $$*).c \
        $(HELPER_OBJS) $(COMMON_LIB) | deps-test
	$(call say,CCLD,$@)
	$(Q)$(call ex_link,exercises/solutions/$*.c)

# The starter alone, for the grader's look at what it defines (tools/exercises-lib.sh).
$(BUILD)/ex/obj/starter/%.o: exercises/%.c | deps-test
	$(call say,CC,$@)
	$(Q)mkdir -p $(@D) && $(CC) $(EX_CFLAGS) -Iexercises/$(dir $*) -c $< -o $@

exercises: $(HELPER_OBJS) $(COMMON_LIB) | deps-test ## grade your exercises: a table of pass and fail, and a hint
	$(Q)tools/grade.sh

exercise: $(HELPER_OBJS) $(COMMON_LIB) | deps-test ## grade one exercise (EX=N.M) and show its test's messages
	$(Q)tools/grade.sh --one "$(EX)"

hint: ## the next hint for exercise EX=N.M: a nudge first, then closer each time
	$(Q)tools/grade.sh --hint "$(EX)"

watch: $(HELPER_OBJS) $(COMMON_LIB) | deps-test ## re-grade the exercise you work on at every save; progress and hint
	$(Q)tools/watch.sh $(if $(EX),"$(EX)")

handout: ## build/handout.tar.gz for students: the book if built, starters, tests, grader; no solutions
	$(Q)tools/handout.sh

grade-class: | deps-test ## (teachers) grade each student's copy in CLASS=DIR into build/grades.csv
	$(Q)tools/grade-class.sh "$(CLASS)"

check-exercises: all ## (authors) every solution passes, also sanitized; every starter fails; counts match
	$(Q)tools/check-exercises.sh

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
