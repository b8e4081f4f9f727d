#!/usr/bin/env bash
# Compiles the example task against procpool.jar and packages it as collatz.jar.
# Run from the repository root after `mvn -q -DskipTests package`.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
jar=${PROCPOOL_JAR:-$here/../../coordinator/target/procpool.jar}
out=$(mktemp -d)
javac --release 17 -cp "$jar" -d "$out" "$here/src/com/example/CollatzSteps.java"
mkdir -p "$out/META-INF/services"
cp "$here/META-INF/services/io.procpool.task.Task" "$out/META-INF/services/"
jar --create --file "$here/collatz.jar" -C "$out" .
rm -rf "$out"
echo "built $here/collatz.jar"
