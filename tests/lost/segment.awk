# tests/lost/segment.awk: checks that segment lost nothing.
#
#   awk -f segment.awk CLEAN1.tsv CLEAN2.tsv ... SEGMENTED.tsv
#
# The CLEAN files are segment's inputs, one a case; the last file is
# segment's stream of all of them, whose `source` is each input's name
# without its folder and extension.  Every paragraph of an input must
# come out in exactly one row, in order: a row is one paragraph, with
# its line, page and text, or, for a title written over several
# paragraphs, their texts joined, with the first one's line (and the
# page the contents give, when they give one).  Prints what differs and
# exits 1; else one line of totals.

function fail(src, msg) {
	if (!(src in failed)) {
		nfailed++
		if (nfailed <= 10)
			printf "%s: %s\n", src, msg
	}
	failed[src] = 1
}

BEGIN { FS = "\t" }

FNR == 1 {
	delete col
	for (i = 1; i <= NF; i++)
		col[$i] = i
	seg = FILENAME == ARGV[ARGC - 1]
	if (!seg) {
		src = FILENAME
		sub(/.*\//, "", src)
		sub(/\.[^.]*$/, "", src)
		cases++
		nin[src] = 0
	}
	next
}

!seg {
	k = ++nin[src]
	ipage[src, k] = $col["page"]
	iline[src, k] = $col["line"]
	itext[src, k] = $col["text"]
	inrows++
	next
}

{
	s = $col["source"]
	outrows++
	if (!(s in nin)) {
		fail(s, "a row of no input: " $0)
		next
	}
	k = at[s] + 1
	if (k > nin[s]) {
		fail(s, "row " FNR " is more than the input's " nin[s] " paragraphs: " $0)
		next
	}
	t = itext[s, k]
	j = k
	want = $col["text"]
	# A title written over several paragraphs is one row.
	while ($col["kind"] == "title" && length(t) < length(want) && j < nin[s])
		t = t itext[s, ++j]
	if ($col["line"] != iline[s, k])
		fail(s, "row " FNR " has line " $col["line"] ", the paragraph " k " line " iline[s, k])
	else if (t != want)
		fail(s, "row " FNR " (line " iline[s, k] ") has text\n  " want "\n  the paragraphs:\n  " t)
	else if ($col["page"] != ipage[s, k] && $col["kind"] != "title")
		fail(s, "row " FNR " (line " iline[s, k] ") has page " $col["page"] ", the paragraph " ipage[s, k])
	at[s] = j
}

END {
	for (s in nin)
		if (at[s] != nin[s])
			fail(s, (nin[s] - at[s]) " of " nin[s] " paragraphs in no row, from the " at[s] + 1 "th")
	if (nfailed > 0) {
		printf "%d of %d cases lose or change paragraphs\n", nfailed, cases
		exit 1
	}
	printf "%d cases, %d paragraphs in %d rows, all accounted for\n", cases, inrows, outrows
}
