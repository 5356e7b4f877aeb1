/*
 * ocrclean.c: fuzz target for ocr-clean's repair of a text
 * (bin/ocr-clean.c): decoding, line classes, joining, page numbers.
 *
 * The tool's source is compiled in here with its main renamed, so the
 * code under test is the tool's own, unchanged.  Each input is cleaned
 * the way main cleans each file operand, by clean_file, which resets
 * the per-file state itself (a run over several files relies on that);
 * the patterns are compiled once, as main does.
 *
 * Input: one byte of options, then the raw text.  Bit 0 is -p, bit 1
 * --strict, bits 2-4 pick -f (none most often).  The promises checked:
 * an exit status of 0, 1 or 2; a stream of page, line, text, header
 * that the next tool reads; and the same output when the same bytes
 * are cleaned again in the same process, as the second file operand
 * of one run would be.
 */
#include "fuzz.h"

int ocr_clean_main(int argc, char **argv);
#define main ocr_clean_main
#include "../../bin/ocr-clean.c"
#undef main

static const char *const from_codes[] = {
	NULL, NULL, NULL, NULL, NULL, "UTF-8", "GB18030", "UTF-16LE"
};

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	fuzz_init("ocr-clean");
	compile_patterns();
	/* The --dropped stream is written, not checked: every row is
	 * tsv_put of a line, which the tsv target covers. */
	dropped_fp = fopen("/dev/null", "w");
	return 0;
}

static int
clean(const uint8_t *data, size_t size, struct fuzz_capture *out)
{
	static const char *const cols[] = {"page", "line", "text", "header"};
	FILE *fp = fuzz_open_input(data, size);
	int status;

	diag_warnings = 0;
	fuzz_capture_begin(out);
	if (!opt_plain)
		tsv_put_header(stdout, cols, 4);
	status = clean_file(fp, "<stdin>");
	fuzz_capture_end(out, 0);
	fclose(fp);
	if (status < 0 || status > 2)
		fuzz_fail("exit status %d", status);
	if (!opt_plain)
		fuzz_check_stream("ocr-clean", out->p, out->len, cols, 4);
	else if (!fuzz_is_utf8(out->p, out->len))
		fuzz_fail("-p output is not UTF-8");
	return status;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_capture first, again;
	int st1, st2;

	if (size < 1)
		return 0;
	opt_plain = data[0] & 1;
	opt_strict = diag_strict = (data[0] >> 1) & 1;
	opt_from = from_codes[(data[0] >> 2) & 7];
	data++, size--;
	st1 = clean(data, size, &first);
	st2 = clean(data, size, &again);
	if (st1 != st2 || first.len != again.len || memcmp(first.p, again.p, first.len) != 0)
		fuzz_fail("the same input cleaned again gives other output (status %d, then %d; "
		    "%zu bytes, then %zu)", st1, st2, first.len, again.len);
	fuzz_capture_free(&first);
	fuzz_capture_free(&again);
	return 0;
}
