/*
 * clause.c: fuzz target for the clause parser, lib/clause.c: the
 * responsibility clause that ends a paragraph (clause_find) and its
 * units by role (clause_parse), as extract-tasks uses them.
 *
 * Input: the text of a paragraph.  The tools only ever pass text that
 * the stream reader let through, valid UTF-8 without NUL, so other
 * input is skipped.  The promises checked: the clause lies inside the
 * text, after its opening bracket, on character boundaries; every unit
 * list is valid UTF-8.
 */
#include "fuzz.h"

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	fuzz_init("clause");
	return 0;
}

/* A unit list must be valid UTF-8: units are cut at separators and
 * role words, never inside a character.  (Units are not always pieces
 * of the clause: 安委会及其下设专委会 makes 安委会下设专委会.) */
static void
check_units(const char *what, const struct buf *list)
{
	if (!fuzz_is_utf8(list->p, list->len))
		fuzz_fail("%s units are not UTF-8", what);
}

static void
parse(const char *s, size_t n)
{
	struct clause_units u = {{0}, {0}, {0}, {0}, 0};
	int count = clause_parse(s, n, &u);

	if (count < 0)
		fuzz_fail("%d units", count);
	if (count == 0 && (u.lead.len || u.resp.len || u.coop.len || u.local.len))
		fuzz_fail("no units counted, but units listed");
	check_units("lead", &u.lead);
	check_units("responsible", &u.resp);
	check_units("cooperating", &u.coop);
	check_units("local", &u.local);
	clause_units_free(&u);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	size_t open, cso, ceo;
	int closed;
	struct buf canon = {0};

	if (memchr(data, '\0', size) != NULL || !fuzz_is_utf8(s, size))
		return 0;
	if (clause_find(s, size, &open, &cso, &ceo, &closed, NULL)) {
		if (!(open < cso && cso <= ceo && ceo <= size))
			fuzz_fail("clause at open %zu, [%zu, %zu) in %zu bytes", open, cso, ceo, size);
		if (!fuzz_is_utf8(s + open, size - open) || !fuzz_is_utf8(s + cso, ceo - cso))
			fuzz_fail("clause at [%zu, %zu) cuts a character", cso, ceo);
		parse(s + cso, ceo - cso);
	}
	parse(s, size);
	(void)clause_is_local(s, size);
	docnum_canon(s, size, &canon);
	if (!fuzz_is_utf8(canon.p, canon.len))
		fuzz_fail("docnum_canon wrote invalid UTF-8");
	buf_free(&canon);
	return 0;
}
