#!/bin/sh
# Makes bin/om: the C bridge client when gcc is on PATH, else the Java fallback script stays in place.
# usage: bin-om.sh <om.c> <bin dir>
set -e
src=$1
bin=$2
if command -v gcc >/dev/null 2>&1; then
    gcc -O2 -Wall -o "$bin/om.tmp" "$src"
    mv -f "$bin/om.tmp" "$bin/om"
fi
chmod 755 "$bin/om" "$bin/omd" "$bin/om-lab"
