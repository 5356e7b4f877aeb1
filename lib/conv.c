/* conv.c: raw input to UTF-8 lines, and UTF-8 output to other
 * encodings, through iconv.  Detection (SPEC 1): a BOM wins; input that
 * is valid UTF-8 is UTF-8; anything else is GB18030. */
#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "gazette.h"

#define RAW_CHUNK 65536          /* raw window: see fill_raw */
#define RAW_WINDOW (4 * RAW_CHUNK + RAW_LINE_MAX)
#define SNIFF_BYTES RAW_CHUNK    /* bytes looked at for detection */

size_t gz_read_chunk = 65536;
#define MAX_INVALID_WARNINGS 10  /* then one summary */

/* Reads more raw input after the unread part; returns bytes read. */
static size_t
fill_raw(struct dec *d)
{
	size_t keep = d->rawlen - d->rawpos, got;

	if (d->rawend)
		return 0;
	/* Room for 2 * RAW_CHUNK bytes not decoded yet, after the bytes
	 * that raw_getline has checked and not returned yet (d->rawok: at
	 * most a line of RAW_LINE_MAX and the last 2 * RAW_CHUNK checked,
	 * and RAW_WINDOW that much larger): the reads are those of
	 * decoding into d->out. */
	got = 2 * RAW_CHUNK - (keep - d->rawok);
	if (got == 0)
		return 0;    /* the window is full; decode some first */
	if (got > gz_read_chunk)
		got = gz_read_chunk;
	/* What is still wanted goes to the start of the window when the
	 * read does not fit after it: not on every read, as the bytes
	 * checked by raw_getline are most of a window. */
	if (d->rawpos > 0 && d->rawlen + got > RAW_WINDOW) {
		memmove(d->raw, d->raw + d->rawpos, keep);
		d->rawoff += (long long)d->rawpos;
		d->rawpos = 0;
		d->rawlen = keep;
	}
	got = fread(d->raw + d->rawlen, 1, got, d->fp);
	d->rawlen += got;
	if (got == 0) {
		if (ferror(d->fp)) {
			diag_msg(d->src, d->lineno + 1, "read error: %s", strerror(errno));
			d->failed = 1;
			d->ioerr = 1;
		}
		d->rawend = 1;
	}
	return got;
}

/* Counts control bytes that no text file holds (NUL and most of C0);
 * used to refuse binary input instead of decoding noise. */
GZ_CLONES static size_t
count_binary(const unsigned char *s, size_t n)
{
	size_t i = 0, k, bad = 0;
	uint64_t w;

#ifdef UTF8_VEC
	/* 64 bytes a step while none is below 0x20 but LF (four blocks
	 * tested together, as the test costs more than the ORs), then
	 * sixteen. */
	while (n - i >= 64) {
		gz_u8x16 a, b, c, e;
		gz_u64x2 t;

		memcpy(&a, s + i, 16);
		memcpy(&b, s + i + 16, 16);
		memcpy(&c, s + i + 32, 16);
		memcpy(&e, s + i + 48, 16);
		t = (gz_u64x2)(((((a & GZ_U8X16(0xE0)) == GZ_U8X16(0)) & (a != GZ_U8X16('\n'))) |
		    (((b & GZ_U8X16(0xE0)) == GZ_U8X16(0)) & (b != GZ_U8X16('\n')))) |
		    ((((c & GZ_U8X16(0xE0)) == GZ_U8X16(0)) & (c != GZ_U8X16('\n'))) |
		    (((e & GZ_U8X16(0xE0)) == GZ_U8X16(0)) & (e != GZ_U8X16('\n')))));
		if ((t[0] | t[1]) != 0)
			break;
		i += 64;
	}
	while (n - i >= 16) {
		gz_u8x16 a;
		gz_u64x2 t;

		memcpy(&a, s + i, 16);
		t = (gz_u64x2)(((a & GZ_U8X16(0xE0)) == GZ_U8X16(0)) & (a != GZ_U8X16('\n')));
		if ((t[0] | t[1]) != 0)
			break;
		i += 16;
	}
#endif
	while (i < n) {
		/* Eight bytes at a time: (w - 0x20 in every byte) & ~w has
		 * the top bit of some byte set exactly when a byte of w is
		 * below 0x20 (a borrow marks only bytes above one that is).
		 * Text has few such words: line ends, and nothing else. */
		if (n - i >= 8) {
			uint64_t x, nl;

			memcpy(&w, s + i, 8);
			if (((w - UINT64_C(0x2020202020202020)) & ~w & UINT64_C(0x8080808080808080)) == 0) {
				i += 8;
				continue;
			}
			/* A word with a line end: a LF byte (x = 0 there; no
			 * carry leaves a byte) gets 0x20 set, and the word
			 * is tested again. */
			x = w ^ UINT64_C(0x0A0A0A0A0A0A0A0A);
			nl = ~(((x & UINT64_C(0x7F7F7F7F7F7F7F7F)) + UINT64_C(0x7F7F7F7F7F7F7F7F)) | x) &
			    UINT64_C(0x8080808080808080);
			w |= nl >> 2;
			if (((w - UINT64_C(0x2020202020202020)) & ~w & UINT64_C(0x8080808080808080)) == 0) {
				i += 8;
				continue;
			}
			k = i + 8;
		} else {
			k = n;
		}
		for (; i < k; i++)
			if (s[i] < 0x20 && s[i] != '\t' && s[i] != '\n' && s[i] != '\r' &&
			    s[i] != '\f' && s[i] != 0x1B && s[i] != 0x1A)
				bad++;
	}
	return bad;
}

/*
 * Is the window UTF-8?  Valid UTF-8 is; so is UTF-8 with a few bad
 * bytes (SPEC 1 replaces those with U+FFFD, which only makes sense for
 * UTF-8 input), told from GB18030 by the share of multibyte characters
 * that decode: Chinese text in GB18030 almost never forms valid UTF-8
 * sequences, and UTF-8 text with a stray byte has thousands.
 */
static int
mostly_utf8(const unsigned char *s, size_t n, size_t *valid)
{
	size_t i = 0, len, good = 0, bad = 0;
	uint32_t cp;

	/* The common case, valid throughout (but maybe for a character
	 * cut by the end of the window), at the validator's speed.  The
	 * valid whole characters need not be checked again when decoded. */
	*valid = utf8_valid_prefix(s, n, 1);
	if (*valid == n || (n - *valid < 4 &&
	    utf8_valid_prefix(s + *valid, n - *valid, 0) == n - *valid))
		return 1;
	*valid = 0;
	while (i < n) {
		if (s[i] < 0x80) {
			i++;
			continue;
		}
		len = utf8_decode(s + i, n - i, &cp);
		if (len == 0) {
			/* A character cut by the end of the window, or of a
			 * truncated file, says nothing against UTF-8. */
			if (n - i < 4 && utf8_valid_prefix(s + i, n - i, 0) == n - i)
				break;
			bad++;
			i++;
			continue;
		}
		good++;
		i += len;
	}
	return bad == 0 || good >= 4 * bad;
}

static int
is_utf8_name(const char *enc)
{
	return strcasecmp(enc, "UTF-8") == 0 || strcasecmp(enc, "UTF8") == 0;
}

int
dec_open(struct dec *d, FILE *fp, const char *src, const char *from_code, int strict)
{
	const unsigned char *r;
	size_t bom = 0, n;

	memset(d, 0, sizeof *d);
	d->fp = fp;
	d->src = src;
	d->stop = strict;
	d->first_invalid = -1;
	d->raw = emalloc(RAW_WINDOW);
	/* dec_getline looks into the output before the first decode: a
	 * buffer from the start, since NULL + 0 is undefined. */
	buf_reserve(&d->out, RAW_CHUNK);
	/* Read until the sniff window is full or the input ends. */
	while (d->rawlen < SNIFF_BYTES && !d->rawend)
		fill_raw(d);
	if (d->failed)
		return -1;
	r = d->raw;
	n = d->rawlen;
	d->unit = 1;
	if (from_code != NULL) {
		snprintf(d->enc, sizeof d->enc, "%s", from_code);
		if (is_utf8_name(from_code) && n >= 3 && memcmp(r, "\xEF\xBB\xBF", 3) == 0)
			bom = 3;
	} else if (n >= 4 && memcmp(r, "\xFF\xFE\0\0", 4) == 0) {
		snprintf(d->enc, sizeof d->enc, "UTF-32LE"), bom = 4;
	} else if (n >= 4 && memcmp(r, "\0\0\xFE\xFF", 4) == 0) {
		snprintf(d->enc, sizeof d->enc, "UTF-32BE"), bom = 4;
	} else if (n >= 3 && memcmp(r, "\xEF\xBB\xBF", 3) == 0) {
		snprintf(d->enc, sizeof d->enc, "UTF-8"), bom = 3;
	} else if (n >= 2 && memcmp(r, "\xFF\xFE", 2) == 0) {
		snprintf(d->enc, sizeof d->enc, "UTF-16LE"), bom = 2;
	} else if (n >= 2 && memcmp(r, "\xFE\xFF", 2) == 0) {
		snprintf(d->enc, sizeof d->enc, "UTF-16BE"), bom = 2;
	} else {
		size_t bad = count_binary(r, n);

		if (bad > 8 || (bad >= 4 && bad * 100 > n)) {
			const unsigned char *z = memchr(r, 0, n);

			if (z != NULL)
				diag_msg(src, 0, "binary input: NUL byte at offset %zu "
				    "(UTF-16 needs a byte order mark or -f UTF-16LE)", (size_t)(z - r));
			else
				diag_msg(src, 0, "binary input: %zu control bytes in the first %zu", bad, n);
			d->failed = 1;
			return -1;
		}
		size_t valid;

		if (mostly_utf8(r, n, &valid)) {
			snprintf(d->enc, sizeof d->enc, "UTF-8");
			d->prevalid = (long long)valid;
		} else {
			snprintf(d->enc, sizeof d->enc, "GB18030");
		}
	}
	d->rawpos = bom;
	if (is_utf8_name(d->enc)) {
		d->utf8 = 1;
		return 0;
	}
	if (strncasecmp(d->enc, "UTF-16", 6) == 0 || strncasecmp(d->enc, "UCS-2", 5) == 0)
		d->unit = 2;
	else if (strncasecmp(d->enc, "UTF-32", 6) == 0 || strncasecmp(d->enc, "UCS-4", 5) == 0)
		d->unit = 4;
	d->cd = iconv_open("UTF-8", d->enc);
	if (d->cd == (void *)(iconv_t)-1) {
		d->cd = NULL;
		diag_msg(src, 0, "cannot decode from %s: %s", d->enc,
		    errno == EINVAL ? "unknown encoding" : strerror(errno));
		d->failed = 1;
		return -1;
	}
	return 0;
}

/* An invalid or truncated sequence at input offset off: a warning, and
 * U+FFFD in its place (or the end of decoding under --strict).  The
 * decoder runs ahead of the lines returned, so the line of the byte is
 * the next line plus the line ends decoded before it. */
static void
invalid(struct dec *d, long long off, const unsigned char *s, size_t n, int truncated)
{
	char hex[16] = "";
	size_t i;
	long line = d->lineno + 1 - (d->split ? 1 : 0);

	d->ninvalid++;
	if (d->first_invalid < 0)
		d->first_invalid = off;
	/* The line and the bytes are worked out only for a message: for
	 * every byte of a long run of invalid ones, counting the line made
	 * the decoder quadratic. */
	if (d->stop || d->ninvalid <= MAX_INVALID_WARNINGS) {
		for (i = d->outpos; i < d->out.len; i++)
			line += d->out.p[i] == '\n' || (d->out.p[i] == '\r' &&
			    (i + 1 == d->out.len || d->out.p[i + 1] != '\n'));
		for (i = 0; i < n && i < 4; i++)
			snprintf(hex + 3 * i, sizeof hex - 3 * i, "%s%02x", i ? " " : "", s[i]);
	}
	if (d->stop) {
		diag_msg(d->src, line, "%s %s sequence (%s) at byte offset %lld",
		    truncated ? "truncated" : "invalid", d->enc, hex, off);
		d->failed = 1;
		return;
	}
	if (d->ninvalid <= MAX_INVALID_WARNINGS)
		diag_warn(d->src, line, "%s %s sequence (%s) at byte offset %lld "
		    "replaced by U+FFFD", truncated ? "truncated" : "invalid", d->enc, hex, off);
	buf_add(&d->out, "\xEF\xBF\xBD", 3);
}

/* UTF-8 input: skips the invalid sequence that starts s[0..left) at
 * d->rawpos, the maximal invalid subpart (one byte, or the lead and
 * continuation bytes of a cut sequence), with a warning and U+FFFD. */
static void
skip_invalid(struct dec *d, const unsigned char *s, size_t left)
{
	size_t skip = 1;
	uint32_t cp;

	if (utf8_decode(s, left, &cp) == 0 && s[0] >= 0xC2 && s[0] < 0xF5)
		while (skip < left && skip < 3 && (s[skip] & 0xC0) == 0x80 &&
		    utf8_valid_prefix(s, skip + 1, 0) == skip + 1)
			skip++;
	invalid(d, d->rawoff + (long long)d->rawpos, s, skip,
	    d->rawend && skip == left && utf8_valid_prefix(s, skip, 0) == skip);
	d->rawpos += skip;
}

/* Decodes the next part of the raw input into d->out; returns 0 when
 * nothing more can be decoded. */
static int
decode_more(struct dec *d)
{
	size_t before = d->out.len;

	if (d->failed)
		return 0;
	if (d->rawpos == d->rawlen || (!d->rawend && d->rawlen - d->rawpos < 8))
		fill_raw(d);
	if (d->rawpos == d->rawlen)
		return 0;
	if (d->utf8) {
		const unsigned char *s = d->raw + d->rawpos;
		size_t n = d->rawlen - d->rawpos;
		size_t ok = 0;
		long long at = d->rawoff + (long long)d->rawpos;

		/* Bytes that detection found valid are whole characters
		 * from a character boundary (as rawpos is). */
		if (at < d->prevalid) {
			ok = (size_t)(d->prevalid - at);
			if (ok > n)
				ok = n;
		}
		if (ok < n)
			ok += utf8_valid_prefix(s + ok, n - ok, 1);
		buf_add(&d->out, s, ok);
		d->rawpos += ok;
		if (d->failed)
			return 0;
		if (ok < n) {
			size_t left = n - ok;

			if (!d->rawend && left < 4 && utf8_valid_prefix(s + ok, left, 0) == left) {
				/* A character cut by the end of the window. */
				if (fill_raw(d) == 0 && !d->rawend)
					return d->out.len > before;
				return 1;
			}
			skip_invalid(d, s + ok, left);
		}
		return 1;
	}
	for (;;) {
		char *in = (char *)d->raw + d->rawpos;
		size_t inleft = d->rawlen - d->rawpos, outleft;
		char *out;
		size_t r;

		buf_reserve(&d->out, inleft * 2 + 16);
		out = d->out.p + d->out.len;
		outleft = d->out.cap - d->out.len - 1;
		r = iconv((iconv_t)d->cd, &in, &inleft, &out, &outleft);
		d->out.len = (size_t)(out - d->out.p);
		d->rawpos = (size_t)((unsigned char *)in - d->raw);
		if (r != (size_t)-1)
			break;
		if (errno == E2BIG)
			continue;
		if (errno == EINVAL && !d->rawend) {
			/* A character cut by the end of the window. */
			if (fill_raw(d) == 0 && !d->rawend)
				break;
			continue;
		}
		{
			size_t skip = d->unit;

			if (skip > d->rawlen - d->rawpos)
				skip = d->rawlen - d->rawpos;
			invalid(d, d->rawoff + (long long)d->rawpos, d->raw + d->rawpos, skip,
			    errno == EINVAL);
			d->rawpos += skip;
			/* Under --strict this was the last decode; what came
			 * before the bad sequence still comes out in lines, as
			 * in the UTF-8 path, not as one piece with its line
			 * ends left in. */
		}
		break;
	}
	return 1;
}

/* Sets line to s[0..n). */
static inline void
take_line(struct buf *line, const char *s, size_t n)
{
	buf_reset(line);
	if (n < line->cap) {
		/* buf_add without the calls, as it fits */
		memcpy(line->p, s, n);
		line->len = n;
	} else {
		buf_add(line, s, n);
	}
}

/*
 * The next line of s[0..avail), the bytes of a window (the raw one, or
 * d->out) not returned yet.  Returns 1 with the line set (a whole one,
 * or a piece of an overlong one, cut between characters: the caller
 * sees d->split), 0 when its end is not there yet; either way *used is
 * the number of bytes taken (a LF after a CR is one).  raw_getline and
 * out_getline differ only in where the bytes come from.
 */
static int
next_line(struct dec *d, struct buf *line, const char *s, size_t avail, size_t *used)
{
	size_t from;
	const char *nl, *cr, *end;

	*used = 0;
	if (d->skip_lf && avail > 0) {
		d->skip_lf = 0;
		if (*s == '\n') {
			s++;
			avail--;
			*used = 1;
			d->scanned = 0;
		}
	}
	/* Look for the line end only in what came since the last look: a
	 * run of invalid bytes is decoded a byte a call, and scanning the
	 * whole line each time was quadratic. */
	from = d->scanned < avail ? d->scanned : 0;
	nl = avail > from ? memchr(s + from, '\n', avail - from) : NULL;
	cr = d->has_cr && avail > from ?
	    memchr(s + from, '\r', nl ? (size_t)(nl - s) - from : avail - from) : NULL;
	end = cr ? cr : nl;
	d->scanned = end == NULL ? avail : 0;
	if (end != NULL && (size_t)(end - s) <= RAW_LINE_MAX) {
		take_line(line, s, (size_t)(end - s));
		*used += (size_t)(end - s) + 1;
		if (!d->split)
			d->lineno++;
		d->split = 0;
		if (end == cr)
			d->skip_lf = 1;
		return 1;
	}
	if (avail > RAW_LINE_MAX) {
		size_t take = utf8_boundary(s, RAW_LINE_MAX);

		buf_reset(line);
		buf_add(line, s, take);
		*used += take;
		d->scanned = d->scanned > take ? d->scanned - take : 0;
		if (!d->split)
			d->lineno++;
		d->split = 1;
		return 1;
	}
	return 0;
}

/*
 * dec_getline for UTF-8 input while d->out is empty: the lines come
 * straight from the raw window, which is checked (utf8_valid_prefix)
 * as far as needed, instead of being copied to d->out first.  The
 * lines are found as out_getline finds them (next_line), and the reads
 * (fill_raw) and the places where invalid bytes are met are those of
 * decode_more, and so are their warnings.
 * Anything else (an invalid byte, the end of the input, a read error)
 * goes out_getline's way: the bytes checked and not returned move to
 * d->out, and -1 is returned.
 */
__attribute__((noinline)) static int
raw_getline(struct dec *d, struct buf *line)
{
	for (;;) {
		size_t used, more, left, at;
		int got = next_line(d, line, (char *)d->raw + d->rawpos, d->rawok, &used);

		d->rawpos += used;
		d->rawok -= used;
		if (got)
			return 1;
		/* Check on, as decode_more would decode on: the same reads
		 * at the same points, so that the warnings for invalid bytes
		 * come where they came. */
		at = d->rawpos + d->rawok;
		if (at == d->rawlen || (!d->rawend && d->rawlen - at < 8)) {
			fill_raw(d);    /* which moves the window */
			at = d->rawpos + d->rawok;
		}
		if (d->failed || at == d->rawlen)
			break;
		left = d->rawlen - at;
		more = 0;
		/* Bytes that detection found valid are whole characters. */
		if (d->rawoff + (long long)at < d->prevalid) {
			more = (size_t)(d->prevalid - (d->rawoff + (long long)at));
			if (more > left)
				more = left;
		}
		if (more < left)
			more += utf8_valid_prefix(d->raw + at + more, left - more, 1);
		if (!d->has_cr && memchr(d->raw + at, '\r', more) != NULL)
			d->has_cr = 1;
		if (!d->has_ff && memchr(d->raw + at, '\f', more) != NULL)
			d->has_ff = 1;
		d->rawok += more;
		if (more < left) {
			at += more;
			left -= more;
			if (!d->rawend && left < 4 && utf8_valid_prefix(d->raw + at, left, 0) == left) {
				/* A character cut by the end of the window. */
				fill_raw(d);
				continue;
			}
			/* An invalid sequence: the rest of this line on
			 * goes through d->out. */
			d->out.len = d->outpos = 0;
			buf_add(&d->out, d->raw + d->rawpos, d->rawok);
			d->rawpos += d->rawok;
			d->rawok = 0;
			skip_invalid(d, d->raw + d->rawpos, left);
			return -1;
		}
	}
	d->out.len = d->outpos = 0;
	buf_add(&d->out, d->raw + d->rawpos, d->rawok);
	d->rawpos += d->rawok;
	d->rawok = 0;
	return -1;
}

/* dec_getline from d->out: the decoded text of other encodings, and
 * UTF-8 with invalid bytes.  Not inline: its registers would be saved
 * on every call of dec_getline, a blank line's too. */
__attribute__((noinline)) static int
out_getline(struct dec *d, struct buf *line)
{
	size_t before;
	int more;

	/* A blank line (a third of OCR text), as the loop below would
	 * return it, without the searches. */
	if (d->outpos < d->out.len && d->out.p[d->outpos] == '\n' && !d->skip_lf &&
	    d->scanned == 0 && line->p != NULL) {
		buf_reset(line);
		d->outpos++;
		if (!d->split)
			d->lineno++;
		d->split = 0;
		return 1;
	}
	for (;;) {
		size_t used, avail;
		int got = next_line(d, line, d->out.p + d->outpos, d->out.len - d->outpos, &used);

		d->outpos += used;
		if (got)
			return 1;
		avail = d->out.len - d->outpos;
		/* Need more: compact the output buffer, decode on. */
		if (d->outpos > 0) {
			memmove(d->out.p, d->out.p + d->outpos, avail);
			d->out.len = avail;
			d->outpos = 0;
		}
		before = d->out.len;
		more = decode_more(d);
		/* Most files have no CR: then a line end is a LF, one
		 * memchr a line. */
		if (!d->has_cr && d->out.len > before &&
		    memchr(d->out.p + before, '\r', d->out.len - before) != NULL)
			d->has_cr = 1;
		if (!d->has_ff && d->out.len > before &&
		    memchr(d->out.p + before, '\f', d->out.len - before) != NULL)
			d->has_ff = 1;
		if (!more) {
			if (d->out.len == 0)
				return 0;
			buf_reset(line);
			buf_add(line, d->out.p, d->out.len);
			d->out.len = d->outpos = d->scanned = 0;
			if (!d->split)
				d->lineno++;
			d->split = 0;
			return 1;
		}
	}
}

int
dec_getline_more(struct dec *d, struct buf *line)
{
	/* A line whose LF is among the bytes that raw_getline has
	 * checked, in a file without CR (most lines), as next_line would
	 * return it, without raw_getline's loop and its register saves
	 * (d->rawok is 0 unless raw_getline is in use).  Blank lines are
	 * dec_getline's (lib/gazette.h). */
	if (d->rawok > 0 && !d->skip_lf && d->scanned == 0 && line->p != NULL) {
		const char *s = (const char *)d->raw + d->rawpos, *nl;

		if (!d->has_cr && (nl = memchr(s, '\n', d->rawok)) != NULL &&
		    (size_t)(nl - s) <= RAW_LINE_MAX) {
			take_line(line, s, (size_t)(nl - s));
			d->rawpos += (size_t)(nl - s) + 1;
			d->rawok -= (size_t)(nl - s) + 1;
			if (!d->split)
				d->lineno++;
			d->split = 0;
			return 1;
		}
	}
	if (d->utf8 && d->outpos == d->out.len && !d->failed && raw_getline(d, line) > 0)
		return 1;
	return out_getline(d, line);
}

void
dec_close(struct dec *d)
{
	if (d->ninvalid > MAX_INVALID_WARNINGS && !d->stop)
		diag_warn(d->src, 0, "%ld invalid %s sequences in all, the first at byte offset %lld",
		    d->ninvalid, d->enc, d->first_invalid);
	if (d->cd != NULL)
		iconv_close((iconv_t)d->cd);
	free(d->raw);
	buf_free(&d->out);
	d->cd = NULL;
	d->raw = NULL;
}

int
encout_open(struct enc_out *e, const char *to_code)
{
	memset(e, 0, sizeof *e);
	snprintf(e->name, sizeof e->name, "%s", to_code ? to_code : "UTF-8");
	if (to_code == NULL || is_utf8_name(to_code))
		return 0;
	e->cd = iconv_open(to_code, "UTF-8");
	if (e->cd == (void *)(iconv_t)-1) {
		e->cd = NULL;
		diag_msg(NULL, 0, "cannot encode to %s: %s", to_code,
		    errno == EINVAL ? "unknown encoding" : strerror(errno));
		return -1;
	}
	return 0;
}

int
encout_write(struct enc_out *e, FILE *fp, const char *s, size_t n, size_t *bad_offset)
{
	char *in = (char *)s, *out;
	size_t inleft = n, outleft, r;

	if (e->cd == NULL) {
		fwrite(s, 1, n, fp);
		return 0;
	}
	/* Convert the whole record first: a character that cannot be
	 * encoded must not leave half a record behind. */
	buf_reset(&e->tmp);
	for (;;) {
		buf_reserve(&e->tmp, inleft * 2 + 16);
		out = e->tmp.p + e->tmp.len;
		outleft = e->tmp.cap - e->tmp.len - 1;
		r = iconv((iconv_t)e->cd, &in, &inleft, &out, &outleft);
		e->tmp.len = (size_t)(out - e->tmp.p);
		if (r != (size_t)-1)
			break;
		if (errno != E2BIG) {
			*bad_offset = (size_t)(in - s);
			iconv((iconv_t)e->cd, NULL, NULL, NULL, NULL);
			return -1;
		}
	}
	fwrite(e->tmp.p, 1, e->tmp.len, fp);
	return 0;
}

void
encout_close(struct enc_out *e)
{
	if (e->cd != NULL)
		iconv_close((iconv_t)e->cd);
	buf_free(&e->tmp);
	e->cd = NULL;
}
