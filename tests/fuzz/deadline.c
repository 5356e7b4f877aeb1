/*
 * deadline.c: fuzz target for the date and deadline parsers,
 * lib/date.c: cn_number, date_parse and deadline_find, as
 * extract-tasks and extract-documents use them.
 *
 * Input: two bytes that pick the default year (the sign date's year
 * in extract-tasks: none, 1, or 1900 to 2199), then the text.  The
 * promises checked: a deadline found lies inside the text and is a
 * real day of a real month; date_iso fits its buffer; the numbers read
 * stay inside the text.  All inputs are taken, valid UTF-8 or not: the
 * parsers step over bytes that do not decode.
 */
#include "fuzz.h"

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	fuzz_init("deadline");
	return 0;
}

static void
check_day(const struct ymd *d, const char *what)
{
	char iso[11];

	if (d->m < 1 || d->m > 12)
		fuzz_fail("%s: month %d", what, d->m);
	if (d->d != 0 && (d->d < 1 || d->d > date_days_in_month(d->y, d->m)))
		fuzz_fail("%s: day %d of %d-%02d", what, d->d, d->y, d->m);
	memset(iso, 'x', sizeof iso);
	date_iso(d, iso);
	if (memchr(iso, '\0', sizeof iso) == NULL)
		fuzz_fail("%s: date_iso wrote no terminator", what);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s;
	size_t n, start = 0, so, eo, used, i;
	struct ymd d;
	int year, k;

	if (size < 2)
		return 0;
	k = (data[0] << 8 | data[1]) % 302;
	year = k == 0 ? 0 : k == 1 ? 1 : 1900 + (k - 2);
	s = (const char *)data + 2;
	n = size - 2;
	/* Every deadline in the text, as extract-tasks looks for them. */
	while (start < n && deadline_find(s + start, n - start, year, &d, &so, &eo)) {
		if (!(so < eo && eo <= n - start))
			fuzz_fail("deadline at [%zu, %zu) in %zu bytes", so, eo, n - start);
		if (d.d == 0)
			fuzz_fail("a deadline without a day");
		if (d.y <= 0 || (year == 0 && d.implied))
			fuzz_fail("deadline year %d (default %d, implied %d)", d.y, year, d.implied);
		check_day(&d, "deadline");
		start += eo;
	}
	/* Dates and numbers at every character of a short text. */
	for (i = 0; i < n && i < 256; i++) {
		if (((unsigned char)s[i] & 0xC0) == 0x80)
			continue;
		if (date_parse(s + i, n - i, &d, &used)) {
			if (used > n - i)
				fuzz_fail("date_parse used %zu of %zu bytes", used, n - i);
			if (d.y < 1900 || d.y > 2199)
				fuzz_fail("date year %d", d.y);
			check_day(&d, "date");
		}
		if (cn_number(s + i, n - i, &used) >= 0 && used > n - i)
			fuzz_fail("cn_number used %zu of %zu bytes", used, n - i);
	}
	return 0;
}
