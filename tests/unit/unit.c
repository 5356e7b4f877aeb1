/* unit.c: unit tests of lib/, table-driven, one file a module. */
#include <stdlib.h>

#include "gazette.h"
#include "testhelp.h"

#include "t_text.c"
#include "t_tsv.c"
#include "t_conv.c"
#include "t_rx.c"
#include "t_doc.c"
#include "t_clause.c"

int
main(void)
{
	diag_init("unit");
	/* The library reports to stderr; here only results count. */
	if (freopen("/dev/null", "w", stderr) == NULL)
		return 2;
	test_text();
	test_tsv();
	test_conv();
	test_rx();
	test_doc();
	test_clause();
	return test_failed ? 1 : 0;
}
