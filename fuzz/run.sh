#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (fuzzer + ASan + UBSan) and runs each for DURATION
# seconds on a seed corpus made from the repo's own fixtures. See fuzz/README.md.
#
#   fuzz/run.sh [DURATION] [TARGET...]     DURATION defaults to 60; targets default to all
#
# Environment: CC (default clang-14, else clang), FUZZ_OUT (default build-fuzz in the repo),
# FUZZ_JOBS (default 1), FUZZ_ARGS (extra libFuzzer flags).
set -euo pipefail
# shellcheck disable=SC2317  # the seed_* functions are called by name

duration=${1:-60}
shift || true
root=$(cd "$(dirname "$0")/.." && pwd)
out=${FUZZ_OUT:-$root/build-fuzz}
if [ -z "${CC:-}" ]; then
    if command -v clang-14 >/dev/null; then CC=clang-14; else CC=clang; fi
fi
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(fuzz_ingest fuzz_jsonl fuzz_rouge_config fuzz_dedup)

mkdir -p "$out"
cd "$root"

# ---- build -------------------------------------------------------------------------------
lib_sources=()
for f in src/*/*.c data/*.c; do
    case $f in src/cli/*) continue ;; esac
    lib_sources+=("$f")
done
deps=$(pkg-config --cflags --libs libutf8proc json-c gumbo libxxhash)
san=("-fsanitize=address,undefined" -fno-sanitize-recover=undefined)
cflags=(-std=c11 -g -O1 -fno-omit-frame-pointer '-DCHORUS_VERSION_STRING="fuzz"' -I include -I src)
# The library is compiled once (instrumented for coverage, without libFuzzer's main) ...
echo "== building the library"
mkdir -p "$out/obj"
objs=()
for f in "${lib_sources[@]}"; do
    o=$out/obj/$(echo "$f" | tr / _).o
    # shellcheck disable=SC2046
    "$CC" "${cflags[@]}" -fsanitize=fuzzer-no-link "${san[@]}" $(pkg-config --cflags libutf8proc json-c gumbo libxxhash) \
        -c "$f" -o "$o" &
    objs+=("$o")
    # at most two compilers at a time
    while [ "$(jobs -rp | wc -l)" -ge 2 ]; do wait -n; done
done
wait
# ... and linked into each target.
for t in "${targets[@]}"; do
    echo "== building $t"
    # shellcheck disable=SC2086
    "$CC" "${cflags[@]}" -fsanitize=fuzzer "${san[@]}" "fuzz/$t.c" "${objs[@]}" $deps -lstemmer -lm -o "$out/$t"
done

# ---- seeds ---------------------------------------------------------------------------------
# A seed is <format byte><strict byte><data>; every fixture is tried with every format.
seed_ingest() {
    local dir=$out/seeds/fuzz_ingest n=0
    mkdir -p "$dir"
    for f in examples/*/* tests/fixtures/*/*; do
        [ -f "$f" ] || continue
        for fmt in 0 1 2 3 4 5; do
            for strict in 0 1; do
                { printf "\\x$fmt\\x$strict"; head -c 4096 "$f"; } >"$dir/seed-$n"
                n=$((n + 1))
            done
        done
    done
    # JSONL and SGML seeds built from the first example article (format bytes 3 and 4).
    local ex
    ex=$(ls examples/*/*.txt | head -n 1)
    local title body
    title=$(head -n 1 "$ex" | tr -d '"\\')
    body=$(tail -n +4 "$ex" | head -c 1500 | tr -d '"\\' | tr '\n' ' ')
    { printf '\x03\x00'
      printf '{"title": "%s", "date": "2024-05-01", "url": "https://example.com/a", "text": "%s"}\n' "$title" "$body"
      printf '{"title": "%s", "content": "%s"}\n' "$title" "$body"; } >"$dir/seed-jsonl"
    { printf '\x04\x00'
      printf '<DOC>\n<DOCNO> AP880101-0001 </DOCNO>\n<DATE>880101</DATE>\n<HEADLINE>%s</HEADLINE>\n<TEXT>\n<P>%s</P>\n</TEXT>\n</DOC>\n' "$title" "$body"; } >"$dir/seed-sgml"
}
seed_jsonl() {
    local dir=$out/seeds/fuzz_jsonl
    mkdir -p "$dir"
    printf '%s\n' '{"id": "a1", "title": "T\u00e9", "date": "2024-05-01", "url": "https://example.com/a", "text": "One. \"Two\"\nThree \ud83d\ude00."}' \
        '{"id": 7, "content": ["P1.", 2, ["x"], {"t": null}, "P2\\n"], "source": "S"}' >"$dir/seed-1"
    printf '%s\n' "{'title': 'q', 'body': 'b.', /* c */ 'n': [NaN, -Infinity, 1e5, true,],}" \
        '{"text": "\u0000\ud800 \udc00", "title": "\t\r"}' '' '  ' '{"x": 1}' >"$dir/seed-2"
}
# Documents separated by NUL bytes: the bundled example articles, one of them twice, an excerpt
# of it (its second half) and its paragraphs reversed.
seed_dedup() {
    local dir=$out/seeds/fuzz_dedup first
    mkdir -p "$dir"
    first=$(ls examples/*/*.txt | head -n 1)
    {
        for f in examples/*/*.txt; do head -c 3000 "$f"; printf '\0'; done
        head -c 3000 "$first"; printf '\0'
        head -c 3000 "$first" | tail -c 1500; printf '\0'
        head -c 3000 "$first" | tac
    } >"$dir/seed-1"
}
seed_rouge_config() {
    local dir=$out/seeds/fuzz_rouge_config
    mkdir -p "$dir"
    # The config of tests/test_rouge.c's parser test.
    cat >"$dir/seed-1" <<'XML'
<ROUGE_EVAL version="1.5.5">
<EVAL ID="e&amp;1">
<PEER-ROOT>peers dir</PEER-ROOT>
<MODEL-ROOT>models</MODEL-ROOT>
<INPUT-FORMAT TYPE="SPL"/>
<PEERS><P ID="zeta">z.txt</P><P ID="alpha"> a&lt;1&gt;.txt </P><P ID="empty"></P></PEERS>
<MODELS><M ID="A">a1</M><M ID="B">b</M><M ID="A">a2</M></MODELS>
</EVAL>
<EVAL ID="2"><PEERS><P ID="beta">x</P></PEERS></EVAL>
</ROUGE_EVAL>
XML
    printf '<!-- c --><ROUGE_EVAL><EVAL ID="1"><INPUT-FORMAT TYPE="SEE"></INPUT-FORMAT><PEERS><P ID="1">p.html</P></PEERS><MODELS><M ID="a">m.html</M></MODELS></EVAL></ROUGE_EVAL>' >"$dir/seed-2"
}

# ---- run ---------------------------------------------------------------------------------
status=0
for t in "${targets[@]}"; do
    rm -rf "$out/seeds/$t"
    "seed_${t#fuzz_}"
    mkdir -p "$out/corpus/$t" "$out/artifacts/$t"
    echo "== running $t for ${duration}s"
    # -jobs makes libFuzzer write fuzz-<n>.log into the current directory: only with FUZZ_JOBS
    # > 1, and then from $out.
    jobs=
    if [ "${FUZZ_JOBS:-1}" -gt 1 ]; then
        jobs="-jobs=$FUZZ_JOBS -workers=$FUZZ_JOBS"
        cd "$out"
    fi
    # shellcheck disable=SC2086
    "$out/$t" -max_total_time="$duration" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
        $jobs -print_final_stats=1 \
        -artifact_prefix="$out/artifacts/$t/" ${FUZZ_ARGS:-} \
        "$out/corpus/$t" "$out/seeds/$t" 2>&1 | tee "$out/$t.log" | grep -Ev '^#[0-9].*(NEW|REDUCE|pulse)|^"|Uses:' || true
    if ls "$out/artifacts/$t"/* >/dev/null 2>&1; then
        echo "!! $t: artifacts in $out/artifacts/$t"
        status=1
    fi
    cd "$root"
done
exit $status
