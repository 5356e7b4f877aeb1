/*
 * testhelp.h: the two-macro test harness of the unit tests, after
 * redis's testhelp.h.  Each check prints "ok - what" or "not ok - what"
 * (TAP without numbers: tests/run numbers and counts them).
 */
#ifndef TESTHELP_H
#define TESTHELP_H

#include <stdio.h>
#include <string.h>

static int test_failed, test_passed;

#define test_cond(descr, cond) do { \
	if (cond) { \
		test_passed++; \
		printf("ok - %s\n", (descr)); \
	} else { \
		test_failed++; \
		printf("not ok - %s\n", (descr)); \
	} \
} while (0)

/* test_cond for strings, showing both sides when they differ. */
#define test_str(descr, got, gotlen, want) do { \
	size_t want_len_ = strlen(want); \
	int same_ = (gotlen) == want_len_ && memcmp((got), (want), want_len_) == 0; \
	test_cond((descr), same_); \
	if (!same_) \
		printf("# got:  \"%.*s\"\n# want: \"%s\"\n", (int)(gotlen), (got), (want)); \
} while (0)

#endif
