# gazette.mk: the pipeline as a makefile, for GNU make -j.
#
#   make -f pipelines/gazette.mk -j 8 IN=issues OUT=dataset
#
# Each IN/*.txt becomes OUT/paras/NAME.tsv (ocr-clean | segment, one
# job a file, redone only when the file or a tool changed); the three
# datasets are then extracted from all of them in name order.  Diagnostics
# go to OUT/log/NAME.err.  A file that fails stops the make (add -k to
# go on with the others); gazette2csv is the tool that reports failures
# file by file and swaps OUTDIR atomically.  File names must not hold
# spaces (make's words).
IN    = .
OUT   = out
TOOLS = $(dir $(lastword $(MAKEFILE_LIST)))../bin
TOCSV = $(TOOLS)/to-csv $(CSVFLAGS)

SRCS  = $(sort $(wildcard $(IN)/*.txt))
PARAS = $(SRCS:$(IN)/%.txt=$(OUT)/paras/%.tsv)
ifeq ($(SRCS),)
$(error no *.txt in $(IN))
endif

all: $(OUT)/documents.csv $(OUT)/tasks.csv $(OUT)/appointments.csv

$(OUT)/paras/%.tsv: $(IN)/%.txt $(TOOLS)/ocr-clean $(TOOLS)/segment
	@mkdir -p $(OUT)/paras $(OUT)/log
	$(TOOLS)/ocr-clean $< > $@.clean 2> $(OUT)/log/$*.err
	$(TOOLS)/segment -s $* $@.clean > $@.tmp 2>> $(OUT)/log/$*.err
	rm -f $@.clean
	mv $@.tmp $@

$(OUT)/%.csv: $(PARAS) $(TOOLS)/extract-%
	$(TOOLS)/extract-$* $(PARAS) 2> $(OUT)/log/extract-$*.err > $@.tsv
	$(TOCSV) $@.tsv > $@.tmp
	rm -f $@.tsv
	mv $@.tmp $@

.PHONY: all
.SECONDARY:
