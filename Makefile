# gazette: OCR text of government gazettes to CSV datasets.
# Targets: all demo check install uninstall clean deps bench fuzz fuzz-build
include config.mk

TOOLS = ocr-clean segment extract-documents extract-tasks extract-appointments to-csv
BINS  = $(TOOLS:%=bin/%)
SCRIPTS = gazette2csv
MAN1  = $(TOOLS:%=docs/%.1) $(SCRIPTS:%=docs/%.1)
MAN7  = docs/gazette.7

LIBSRC = lib/diag.c lib/ealloc.c lib/text.c lib/tsv.c lib/conv.c lib/rx.c \
         lib/csvout.c lib/buf.c lib/opts.c lib/operands.c lib/date.c lib/doc.c lib/clause.c
LIBOBJ = $(LIBSRC:.c=.o)
LIB    = lib/libgazette.a
HDR    = lib/gazette.h

UNITSRC = tests/unit/unit.c
UNITBIN = tests/unit/unit
HELPERS = tests/unit/csvcheck tests/unit/account

ALL_CFLAGS = $(CSTD) $(WARN) $(OPT) $(SANFLAGS) $(CFLAGS) $(PCRE2_CFLAGS)
ALL_LDFLAGS = $(SANFLAGS) $(LDFLAGS)
LDLIBS_ALL = $(LIB) $(PCRE2_LIBS) $(CSV_LIBS) $(ICONV_LIBS)

# Objects remember the flags they were built with, so that switching
# between a plain and a SANITIZE=1 build rebuilds everything.
FLAGSTAMP = lib/.flags

all: $(BINS)

$(FLAGSTAMP): FORCE
	@echo '$(CC) $(ALL_CFLAGS) $(CPPFLAGS) $(ALL_LDFLAGS)' > $@.new; \
	if cmp -s $@.new $@; then rm -f $@.new; else mv $@.new $@; fi

lib/%.o: lib/%.c $(HDR) $(FLAGSTAMP)
	$(CC) $(ALL_CFLAGS) $(CPPFLAGS) -c -o $@ $<

$(LIB): $(LIBOBJ)
	rm -f $@
	$(AR) rcs $@ $(LIBOBJ)

bin/%: bin/%.c $(LIB) $(HDR) $(FLAGSTAMP)
	$(CC) $(ALL_CFLAGS) $(CPPFLAGS) -Ilib -o $@ $< $(ALL_LDFLAGS) $(LDLIBS_ALL)

$(UNITBIN): $(UNITSRC) tests/unit/*.h tests/unit/t_*.c $(LIB) $(HDR) $(FLAGSTAMP)
	$(CC) $(ALL_CFLAGS) $(CPPFLAGS) -Ilib -o $@ $(UNITSRC) $(ALL_LDFLAGS) $(LDLIBS_ALL)

# The same unit tests against the library built with -DGZ_PORTABLE: the
# word-at-a-time code that big-endian machines and other compilers get
# instead of the GNU C vector code, so that both stay tested here.
$(UNITBIN)-portable: $(UNITSRC) tests/unit/*.h tests/unit/t_*.c $(LIBSRC) $(HDR) $(FLAGSTAMP)
	$(CC) $(ALL_CFLAGS) $(CPPFLAGS) -DGZ_PORTABLE -Ilib -o $@ $(UNITSRC) $(LIBSRC) $(ALL_LDFLAGS) \
	    $(PCRE2_LIBS) $(CSV_LIBS) $(ICONV_LIBS)

# And with -DGZ_NO_CLONES: the baseline (SSE2) copy of the functions
# that lib/gazette.h's GZ_CLONES also builds for AVX2.
$(UNITBIN)-noclones: $(UNITSRC) tests/unit/*.h tests/unit/t_*.c $(LIBSRC) $(HDR) $(FLAGSTAMP)
	$(CC) $(ALL_CFLAGS) $(CPPFLAGS) -DGZ_NO_CLONES -Ilib -o $@ $(UNITSRC) $(LIBSRC) $(ALL_LDFLAGS) \
	    $(PCRE2_LIBS) $(CSV_LIBS) $(ICONV_LIBS)

tests/unit/%: tests/unit/%.c $(LIB) $(HDR) $(FLAGSTAMP)
	$(CC) $(ALL_CFLAGS) $(CPPFLAGS) -Ilib -o $@ $< $(ALL_LDFLAGS) $(LDLIBS_ALL)

# deps: install the missing Debian packages when root (or via sudo);
# otherwise say exactly what to install.
DEB_PACKAGES = libcsv-dev libpcre2-dev pkg-config
deps:
	@missing=''; \
	command -v $(PKG_CONFIG) >/dev/null 2>&1 || missing="$$missing pkg-config"; \
	$(PKG_CONFIG) --exists libpcre2-8 2>/dev/null || missing="$$missing libpcre2-dev"; \
	printf '#include <csv.h>\n' | $(CC) -E - >/dev/null 2>&1 || missing="$$missing libcsv-dev"; \
	if [ -z "$$missing" ]; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ]; then sudo=''; \
	elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then sudo='sudo'; \
	else echo "deps: missing packages:$$missing"; \
	     echo "deps: run as root: apt-get install -y$$missing"; exit 1; fi; \
	if ! command -v apt-get >/dev/null 2>&1; then \
	     echo "deps: no apt-get here; install the equivalents of:$$missing"; exit 1; fi; \
	echo "deps: installing$$missing"; \
	$$sudo apt-get update -qq >/dev/null && \
	DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq$$missing >/dev/null

# ---- fuzzing: libFuzzer targets in tests/fuzz (docs/fuzzing.md) ----
# Built with clang into tests/fuzz/obj, apart from the normal build: the
# library again with the fuzzer's instrumentation, and one binary per
# target.  make check replays tests/fuzz/regress through the same
# targets built with $(CC) and replay.c, so it needs no clang.
FUZZ_TARGETS = tsv conv ocrclean segment clause deadline appointments
FUZZ_SECONDS = 60
FUZZ_CC      = clang
FUZZ_OBJ     = tests/fuzz/obj
FUZZ_SAN     = -fsanitize=address,undefined -fno-sanitize-recover=undefined
FUZZ_CFLAGS  = $(CSTD) $(WARN) -O1 -g -fno-omit-frame-pointer $(FUZZ_SAN) $(PCRE2_CFLAGS)
FUZZ_LIBOBJ  = $(LIBSRC:lib/%.c=$(FUZZ_OBJ)/%.o)
FUZZ_LIB     = $(FUZZ_OBJ)/libgazette.a
FUZZ_BINS    = $(FUZZ_TARGETS:%=$(FUZZ_OBJ)/fuzz-%)
REPLAY_BINS  = $(FUZZ_TARGETS:%=$(FUZZ_OBJ)/replay-%)
FUZZ_HDR     = tests/fuzz/fuzz.h $(HDR)
FUZZ_STAMP   = $(FUZZ_OBJ)/.flags

$(FUZZ_STAMP): FORCE
	@mkdir -p $(FUZZ_OBJ)
	@echo '$(FUZZ_CC) $(FUZZ_CFLAGS) $(CPPFLAGS)' > $@.new; \
	if cmp -s $@.new $@; then rm -f $@.new; else mv $@.new $@; fi

$(FUZZ_OBJ)/%.o: lib/%.c $(HDR) $(FUZZ_STAMP)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link $(CPPFLAGS) -c -o $@ $<

$(FUZZ_LIB): $(FUZZ_LIBOBJ)
	rm -f $@
	$(AR) rcs $@ $(FUZZ_LIBOBJ)

# The targets for tools compile the tool's own source in (bin/*.c).
$(FUZZ_OBJ)/fuzz-%: tests/fuzz/%.c $(FUZZ_HDR) $(FUZZ_LIB) $(BINS:=.c) $(FUZZ_STAMP)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer $(CPPFLAGS) -Ilib -o $@ $< \
	    $(FUZZ_LIB) $(PCRE2_LIBS) $(CSV_LIBS) $(ICONV_LIBS)

$(FUZZ_OBJ)/replay-%: tests/fuzz/%.c tests/fuzz/replay.c $(FUZZ_HDR) $(LIB) $(BINS:=.c) $(FLAGSTAMP)
	@mkdir -p $(FUZZ_OBJ)
	$(CC) $(ALL_CFLAGS) $(CPPFLAGS) -Ilib -o $@ $< tests/fuzz/replay.c \
	    $(ALL_LDFLAGS) $(LDLIBS_ALL)

# fuzz-deps: clang and its libFuzzer runtime, installed as deps does
# (Debian's clang recommends the runtime package, libclang-rt-N-dev,
# which an install without recommends leaves out).
fuzz-deps: deps
	@mkdir -p $(FUZZ_OBJ); \
	probe() { printf 'int LLVMFuzzerTestOneInput(const char *d, unsigned long n) { return 0; }\n' \
	    > $(FUZZ_OBJ)/probe.c && \
	    $(FUZZ_CC) -fsanitize=fuzzer -o $(FUZZ_OBJ)/probe $(FUZZ_OBJ)/probe.c >/dev/null 2>&1; }; \
	if probe; then rm -f $(FUZZ_OBJ)/probe $(FUZZ_OBJ)/probe.c; exit 0; fi; \
	if [ "$$(id -u)" = 0 ]; then sudo=''; \
	elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then sudo='sudo'; \
	else echo "fuzz-deps: $(FUZZ_CC) cannot build a libFuzzer target"; \
	     echo "fuzz-deps: run as root: apt-get install -y clang libclang-rt-dev"; exit 1; fi; \
	if ! command -v apt-get >/dev/null 2>&1; then \
	     echo "fuzz-deps: no apt-get here; install clang with its libFuzzer runtime"; exit 1; fi; \
	if ! command -v $(FUZZ_CC) >/dev/null 2>&1; then \
	     echo "fuzz-deps: installing clang"; \
	     $$sudo apt-get update -qq >/dev/null && \
	     DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq clang >/dev/null || exit 1; \
	     probe && exit 0; fi; \
	rt="libclang-rt-$$($(FUZZ_CC) -dumpversion | cut -d. -f1)-dev"; \
	echo "fuzz-deps: installing $$rt"; \
	$$sudo apt-get update -qq >/dev/null && \
	DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq $$rt >/dev/null && probe || \
	{ echo "fuzz-deps: $(FUZZ_CC) still cannot build a libFuzzer target"; exit 1; }; \
	rm -f $(FUZZ_OBJ)/probe $(FUZZ_OBJ)/probe.c

fuzz-build: fuzz-deps
	@$(MAKE) -s $(BINS) $(FUZZ_BINS)

# make fuzz FUZZ_SECONDS=N [FUZZ_TARGETS='tsv conv']: N seconds each,
# a line of figures per target; seeds cut afresh from the fixtures.
fuzz: fuzz-build
	@sh tests/fuzz/seeds.sh bin tests/fuzz/seeds > /dev/null
	@sh tests/fuzz/run.sh $(FUZZ_SECONDS) $(FUZZ_TARGETS)

demo: deps
	@$(MAKE) -s all
	@mkdir -p out
	bin/ocr-clean --dropped out/dropped.tsv fixtures/lvliang-2024-02.txt > out/clean.tsv
	bin/to-csv out/clean.tsv > out/clean.csv
	bin/ocr-clean -p fixtures/lvliang-2024-02.txt > out/clean.txt
	bin/segment -s lvliang-2024-02 out/clean.tsv > out/paras.tsv
	bin/extract-documents out/paras.tsv | bin/to-csv > out/documents.csv
	bin/extract-tasks out/paras.tsv | bin/to-csv > out/tasks.csv
	bin/extract-appointments out/paras.tsv | bin/to-csv > out/appointments.csv
	pipelines/gazette2csv -q -o out/dataset fixtures/*.txt
	@echo "demo: $$(($$(wc -l < out/clean.tsv) - 1)) paragraphs in out/clean.tsv," \
	      "$$(($$(wc -l < out/dropped.tsv) - 1)) dropped lines in out/dropped.tsv," \
	      "$$(($$(wc -l < out/documents.csv) - 1)) documents in out/documents.csv," \
	      "$$(($$(wc -l < out/tasks.csv) - 1)) tasks in out/tasks.csv," \
	      "$$(($$(wc -l < out/appointments.csv) - 1)) appointments in out/appointments.csv;" \
	      "also out/clean.csv, out/clean.txt, out/paras.tsv;" \
	      "and every fixture by pipelines/gazette2csv in out/dataset/"

check: deps
	@$(MAKE) -s all $(UNITBIN) $(UNITBIN)-portable $(UNITBIN)-noclones $(HELPERS) $(REPLAY_BINS)
	@SANITIZE=$(SANITIZE) sh tests/run

# bench: speed and memory of each tool and of the pipeline, and the
# scale test; a table to stdout and bench/results.md.  Not part of check.
bench: deps bench/timeit
	@$(MAKE) -s all
	sh bench/run
	sh bench/run --scale -r 5

bench/timeit: bench/timeit.c
	$(CC) $(CSTD) $(WARN) -O2 $(CFLAGS) -o $@ bench/timeit.c

install: all
	mkdir -p $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANPREFIX)/man1 $(DESTDIR)$(MANPREFIX)/man7
	for t in $(TOOLS); do cp -f bin/$$t $(DESTDIR)$(BINDIR)/$$t; \
	    chmod 755 $(DESTDIR)$(BINDIR)/$$t; done
	for t in $(SCRIPTS); do cp -f pipelines/$$t $(DESTDIR)$(BINDIR)/$$t; \
	    chmod 755 $(DESTDIR)$(BINDIR)/$$t; done
	for m in $(MAN1); do cp -f $$m $(DESTDIR)$(MANPREFIX)/man1/; \
	    chmod 644 $(DESTDIR)$(MANPREFIX)/man1/$${m#docs/}; done
	for m in $(MAN7); do cp -f $$m $(DESTDIR)$(MANPREFIX)/man7/; \
	    chmod 644 $(DESTDIR)$(MANPREFIX)/man7/$${m#docs/}; done

uninstall:
	for t in $(TOOLS) $(SCRIPTS); do rm -f $(DESTDIR)$(BINDIR)/$$t; done
	for m in $(MAN1); do rm -f $(DESTDIR)$(MANPREFIX)/man1/$${m#docs/}; done
	for m in $(MAN7); do rm -f $(DESTDIR)$(MANPREFIX)/man7/$${m#docs/}; done

clean:
	rm -f $(BINS) $(LIB) $(LIBOBJ) $(UNITBIN) $(UNITBIN)-portable $(UNITBIN)-noclones $(HELPERS) $(FLAGSTAMP) bench/timeit
	rm -rf out tests/tmp $(FUZZ_OBJ) tests/fuzz/seeds tests/fuzz/artifacts tests/fuzz/logs

FORCE:

.PHONY: all deps demo check bench install uninstall clean fuzz fuzz-build fuzz-deps FORCE
