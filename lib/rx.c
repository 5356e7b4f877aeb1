/* rx.c: PCRE2 patterns compiled once, in UTF mode, with JIT where the
 * platform has it, and one match-data block per pattern, reused.  The
 * JIT compile (most of a pattern's compile time) and the match data
 * wait for the first match: many patterns of a tool never run on a
 * given input (repairs, rare layouts). */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <string.h>

#include "gazette.h"

int
rx_compile(struct rx *rx, const char *pattern, unsigned flags, char *err, size_t errlen)
{
	int code;
	PCRE2_SIZE off;
	uint32_t opts = PCRE2_UTF | PCRE2_UCP;
	pcre2_code *re;

	memset(rx, 0, sizeof *rx);
	if (flags & RX_ANCHORED)
		opts |= PCRE2_ANCHORED;
	if (flags & RX_CASELESS)
		opts |= PCRE2_CASELESS;
	re = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED, opts, &code, &off, NULL);
	if (re == NULL) {
		PCRE2_UCHAR msg[256];

		pcre2_get_error_message(code, msg, sizeof msg);
		snprintf(err, errlen, "bad pattern at offset %zu: %s", (size_t)off, (char *)msg);
		return -1;
	}
	rx->code = re;
	rx->md = NULL;    /* made by the first rx_match, with the JIT code */
	rx->pattern = pattern;
	return 0;
}

void
rx_must(struct rx *rx, const char *pattern, unsigned flags)
{
	char err[320];

	if (rx_compile(rx, pattern, flags, err, sizeof err) < 0)
		die(EXIT_USAGE, "internal pattern %s: %s", pattern, err);
}

int
rx_match(struct rx *rx, const char *s, size_t n, size_t start)
{
	int rc;

	if (rx->md == NULL) {
		/* JIT is an optimisation: without it the interpreter runs. */
		(void)pcre2_jit_compile((pcre2_code *)rx->code, PCRE2_JIT_COMPLETE);
		rx->md = pcre2_match_data_create_from_pattern((pcre2_code *)rx->code, NULL);
		if (rx->md == NULL)
			die(EXIT_USAGE, "out of memory for match data");
	}
	/* Input is valid UTF-8 by construction (the decoders and the TSV
	 * reader check it), so PCRE2 need not check it again. */
	rc = pcre2_match((pcre2_code *)rx->code, (PCRE2_SPTR)s, n, start,
	    PCRE2_NO_UTF_CHECK, (pcre2_match_data *)rx->md, NULL);
	if (rc == PCRE2_ERROR_NOMATCH)
		return 0;
	if (rc < 0)
		return 0;    /* match limits: treat as no match */
	return rc;
}

int
rx_group(const struct rx *rx, int i, size_t *so, size_t *eo)
{
	PCRE2_SIZE *ov;

	if (rx->md == NULL)
		return 0;    /* no match yet */
	ov = pcre2_get_ovector_pointer((pcre2_match_data *)rx->md);
	if ((uint32_t)i >= pcre2_get_ovector_count((pcre2_match_data *)rx->md) ||
	    ov[2 * i] == PCRE2_UNSET)
		return 0;
	*so = ov[2 * i];
	*eo = ov[2 * i + 1];
	return 1;
}

void
rx_free(struct rx *rx)
{
	if (rx->md)
		pcre2_match_data_free((pcre2_match_data *)rx->md);
	if (rx->code)
		pcre2_code_free((pcre2_code *)rx->code);
	memset(rx, 0, sizeof *rx);
}
