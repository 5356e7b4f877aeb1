#!/bin/sh
# tests/fuzz/seeds.sh BIN OUT: cuts the fixtures into seed inputs for
# the fuzz targets, OUT/<target>/<name>, each in the target's input
# format (an option byte, then the data; see each tests/fuzz/<target>.c).
# The clean text and paragraph streams come from running the tools in
# BIN on the fixtures.  Seeds are small (a few KiB) and generated, not
# kept in git.
set -eu
LC_ALL=C
export LC_ALL
top=$(cd "$(dirname "$0")/../.." && pwd)
BIN=$1
OUT=$2
FIX=$top/fixtures
tmp=$(mktemp -d "${TMPDIR:-/tmp}/gazette-seeds.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

rm -rf "$OUT"
for t in tsv conv ocrclean segment clause deadline appointments; do
	mkdir -p "$OUT/$t"
done

# prefix BYTES FILE OUT: writes the option bytes (octal escapes), then FILE.
prefix() {
	{ printf "$1"; cat "$2"; } > "$3"
}

# cut FILE LINES DIR NAME [HEADER]: DIR/NAME.1, .2, ... of LINES lines
# each, every piece with FILE's first line before it when HEADER is 1.
cut_lines() {
	awk -v n="$2" -v out="$3/$4" -v hdr="${5:-0}" '
		NR == 1 && hdr { h = $0; next }
		{ if ((NR - 1 - hdr) % n == 0) { if (f) close(f); f = out "." ++k; if (hdr) print h > f }
		  print > f }' "$1"
}

# The pipeline on the fixtures: clean text and paragraph streams.
for f in "$FIX"/*.txt; do
	b=$(basename "$f" .txt)
	"$BIN/ocr-clean" "$f" > "$tmp/$b.clean" 2>/dev/null || true
	"$BIN/segment" -s "$b" "$tmp/$b.clean" > "$tmp/$b.paras" 2>/dev/null || true
done

# tsv: pieces of the streams, read in whole chunks and byte by byte.
for f in "$tmp"/*.clean "$tmp"/*.paras; do
	b=$(basename "$f" | tr . -)
	cut_lines "$f" 20 "$tmp" "tsv-$b" 1
done
i=0
for f in "$tmp"/tsv-*; do
	i=$((i + 1))
	# Every fourth piece with a chunk size of 3 bytes (option 3).
	if [ $((i % 4)) = 0 ]; then p='\003'; else p='\000'; fi
	prefix "$p" "$f" "$OUT/tsv/$(basename "$f")"
done
for f in "$FIX"/segment/*.in "$FIX"/extract-documents/*.in "$FIX"/extract-appointments/*.in; do
	prefix '\000' "$f" "$OUT/tsv/fixture-$(basename "$(dirname "$f")")-$(basename "$f")"
done

# conv and ocrclean: raw text, cut into pieces of a page or so, and the
# small ocr-clean fixtures; for conv also in GB18030 and UTF-16.
for f in "$FIX"/*.txt; do
	cut_lines "$f" 200 "$tmp" "raw-$(basename "$f" .txt)"
done
for f in "$tmp"/raw-* "$FIX"/ocr-clean/*.in; do
	b=$(basename "$f")
	prefix '\000' "$f" "$OUT/ocrclean/$b"
	[ "$(cat "${f%.in}.args" 2>/dev/null)" = -p ] && prefix '\001' "$f" "$OUT/ocrclean/$b-plain"
	head -c 8192 "$f" > "$tmp/head"
	prefix '\000' "$tmp/head" "$OUT/conv/$b"
	# GB18030 by detection, and UTF-16LE with a byte order mark.
	if iconv -f UTF-8 -t GB18030 "$tmp/head" > "$tmp/gb" 2>/dev/null; then
		prefix '\000' "$tmp/gb" "$OUT/conv/$b-gb18030"
	fi
	if iconv -f UTF-8 -t UTF-16 "$tmp/head" > "$tmp/u16" 2>/dev/null; then
		prefix '\000' "$tmp/u16" "$OUT/conv/$b-utf16"
	fi
done
printf '\000a\r\nb\rc\n\n\357\273\277d\200e' > "$OUT/conv/line-ends"
printf '\010\344\270\255\377\n' > "$OUT/conv/strict"

# segment: paragraphs as "PAGE<TAB>TEXT[<TAB>HEADER]" lines (mode 0), a
# document or two a piece; and the segment fixtures as streams (mode 1).
for f in "$tmp"/*.clean; do
	b=$(basename "$f" .clean)
	awk -F '\t' 'NR > 1 { printf "%s\t%s", $1, $3; if ($4 != "") printf "\t%s", $4; print "" }' \
	    "$f" > "$tmp/$b.lines"
	cut_lines "$tmp/$b.lines" 30 "$tmp" "seg-$b"
done
for f in "$tmp"/seg-*; do
	prefix '\000' "$f" "$OUT/segment/$(basename "$f")"
done
for f in "$FIX"/segment/*.in; do
	prefix '\001' "$f" "$OUT/segment/fixture-$(basename "$f")"
done

# clause and deadline: one paragraph each, those that end with a
# bracket (clause) or name a date (deadline, with the year 2024 as the
# default: option bytes 0 126).
cat "$tmp"/*.paras | awk -F '\t' -v out="$OUT/clause/p" '
	NR > 1 && $6 == "body" && $7 ~ /(）|\)|〕|】)(。|；)?$/ && n < 150 { printf "%s", $7 > (out "." ++n); close(out "." n) }'
cat "$tmp"/*.paras | awk -F '\t' -v out="$tmp/dl" '
	NR > 1 && $7 ~ /(年|月|日|季度|底|前)/ && n < 100 { printf "%s", $7 > (out "." ++n); close(out "." n) }'
for f in "$tmp"/dl.*; do
	prefix '\000~' "$f" "$OUT/deadline/p$(basename "$f" | tr -d dl)"
done
awk -F '\t' -v out="$OUT/clause/t" 'n < 100 { printf "（%s）", $NF > (out "." ++n); close(out "." n) }' \
    "$FIX"/extract-tasks/lvliang-2024-02.tasks
for d in '2024年6月底前' '2024年底前' '2024年3月31日前' '6月底前' '年底前' '上半年完成' \
    '第三季度末前' '二〇二四年十二月三十一日之前' '今年底前完成'; do
	printf '\000~%s' "$d" > "$OUT/deadline/d.$(printf '%s' "$d" | cksum | cut -d' ' -f1)"
done

# appointments: the paragraphs of each document as kind-tagged lines
# (mode 0), and the fixture of decision sentences as a stream (mode 1).
for f in "$tmp"/*.paras; do
	b=$(basename "$f" .paras)
	awk -F '\t' -v out="$tmp/ap-$b" '
		BEGIN { k["title"] = "T"; k["docno"] = "N"; k["addressee"] = "A"; k["body"] = "B";
		        k["signer"] = "S"; k["date"] = "D"; k["disclosure"] = "X"; k["consult"] = "C";
		        k["attachment"] = "H"; k["masthead"] = "M" }
		NR > 1 && $2 > 0 {
			f = out "." $2
			printf "%s%s\n", ($6 in k) ? k[$6] : "B", $7 > f
		}' "$f"
done
for f in "$tmp"/ap-*; do
	# Documents of more than 16 KiB are cut; personnel notices are short.
	head -c 16384 "$f" > "$tmp/head"
	prefix '\000' "$tmp/head" "$OUT/appointments/$(basename "$f")"
done
prefix '\001' "$FIX"/extract-appointments/sentences.in "$OUT/appointments/fixture-sentences"

for t in tsv conv ocrclean segment clause deadline appointments; do
	printf '%s %s seeds\n' "$t" "$(ls "$OUT/$t" | wc -l)"
done
