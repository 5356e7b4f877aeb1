/*
 * conv.c: fuzz target for the decoder, lib/conv.c: detection
 * (dec_open) and lines (dec_getline), over a stream from fmemopen.
 *
 * Input: one byte of options, then the raw bytes.  Bits 0-2 pick the
 * encoding (detection most often, or one forced as -f does), bit 3
 * --strict, bits 4-6 the read chunk size.  The decoder must return
 * lines of valid UTF-8 without line ends, no longer than RAW_LINE_MAX,
 * and, for UTF-8 input with nothing invalid, every byte of the input:
 * the lines and their ends are the input with CRLF and CR made LF.
 */
#include "fuzz.h"

static const char *const encodings[] = {
	NULL, NULL, NULL, NULL, "UTF-8", "GB18030", "UTF-16LE", "UTF-16BE"
};
static const size_t chunks[] = {65536, 1, 2, 3, 7, 64, 4093, 65536};

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	fuzz_init("conv");
	return 0;
}

/* The input as lines ending in LF should come back: CRLF and CR made
 * LF, a final line end added, a UTF-8 byte order mark left out. */
static void
expect_same(const uint8_t *data, size_t size, const struct buf *got)
{
	struct buf want = {0};
	size_t i = 0;

	if (size >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
		i = 3;
	for (; i < size; i++) {
		if (data[i] == '\r') {
			buf_addc(&want, '\n');
			if (i + 1 < size && data[i + 1] == '\n')
				i++;
		} else {
			buf_addc(&want, data[i]);
		}
	}
	if (want.len > 0 && want.p[want.len - 1] != '\n')
		buf_addc(&want, '\n');
	if (want.len != got->len || (want.len > 0 && memcmp(want.p, got->p, want.len) != 0))
		fuzz_fail("UTF-8 input with nothing invalid did not come back whole "
		    "(%zu bytes of lines, want %zu)", got->len, want.len);
	buf_free(&want);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *from;
	struct dec d;
	struct buf line = {0}, all = {0};
	FILE *fp;
	int strict;
	long lines = 0;

	if (size < 1)
		return 0;
	from = encodings[data[0] & 7];
	strict = (data[0] >> 3) & 1;
	gz_read_chunk = chunks[(data[0] >> 4) & 7];
	data++, size--;
	fp = fuzz_open_input(data, size);
	if (dec_open(&d, fp, "fuzz", from, strict) == 0) {
		while (dec_getline(&d, &line)) {
			if (memchr(line.p, '\n', line.len) != NULL || memchr(line.p, '\r', line.len) != NULL)
				fuzz_fail("line %ld holds a line end", d.lineno);
			if (line.len > RAW_LINE_MAX)
				fuzz_fail("line %ld has %zu bytes, more than RAW_LINE_MAX", d.lineno, line.len);
			if (!fuzz_is_utf8(line.p, line.len))
				fuzz_fail("line %ld is not valid UTF-8", d.lineno);
			if (!d.split)
				lines++;
			if (d.lineno != lines + d.split)
				fuzz_fail("line number %ld after %ld lines", d.lineno, lines);
			buf_add(&all, line.p, line.len);
			if (!d.split)
				buf_addc(&all, '\n');
		}
		if (d.utf8 && d.ninvalid == 0 && !d.failed)
			expect_same(data, size, &all);
		if (strict && d.ninvalid > 0 && !d.failed)
			fuzz_fail("--strict went on after an invalid sequence");
	}
	dec_close(&d);
	fclose(fp);
	buf_free(&line);
	buf_free(&all);
	gz_read_chunk = 65536;
	return 0;
}
