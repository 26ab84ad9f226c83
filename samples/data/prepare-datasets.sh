#!/usr/bin/env bash
# Rebuilds samples/src/main/resources/dev/netc/samples/data/{breast_cancer,digits,diabetes}.csv
# from the data files Debian ships in python3-sklearn (bookworm, 1.2.1+dfsg-1).
#
# Nothing is installed: the .deb is fetched with `apt-get download`, checked against the SHA-256
# that bookworm's Packages index lists, unpacked with `dpkg -x` into a temporary directory, and
# its CSV files are rewritten with a header line by the plain python3 below (no NumPy needed).
# Every number is copied as the same characters, except diabetes's target, which the package
# stores as "1.510000000000000000e+02" and which is written as the integer it equals (checked).
#
# Usage: samples/data/prepare-datasets.sh [output-directory]
set -euo pipefail

PACKAGE=python3-sklearn
VERSION=1.2.1+dfsg-1
DEB_SHA256=ca0c6be401d14871c7e93cfdd8d1f561595dc65e6e2ad2501d568aee7f7efc58

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
out=${1:-$here/../src/main/resources/dev/netc/samples/data}
mkdir -p "$out"
out=$(cd "$out" && pwd)

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# apt-get download writes into the current directory; _apt may not write to $work, hence chmod.
chmod 777 "$work"
(cd "$work" && apt-get download -q "$PACKAGE=$VERSION")
deb=$(ls "$work"/*.deb)
echo "$DEB_SHA256  $deb" | sha256sum --check --quiet
dpkg -x "$deb" "$work/root"
data="$work/root/usr/lib/python3/dist-packages/sklearn/datasets/data"

python3 - "$data" "$out" <<'PY'
import csv
import gzip
import sys

data, out = sys.argv[1], sys.argv[2]


def fail(message):
    sys.exit("prepare-datasets: " + message)


def write(name, header, rows):
    # '\n' line ends and no quoting unless needed: the files diff cleanly and read anywhere.
    with open(f"{out}/{name}", "w", newline="", encoding="ascii") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)
    print(f"{name}: {len(rows)} rows, {len(header)} columns")


# breast_cancer.csv: first line "569,30,malignant,benign" = rows, features, then the class names
# in target order (0 = malignant, 1 = benign); the names are load_breast_cancer's feature_names.
FEATURES = [
    "mean radius", "mean texture", "mean perimeter", "mean area", "mean smoothness",
    "mean compactness", "mean concavity", "mean concave points", "mean symmetry",
    "mean fractal dimension",
    "radius error", "texture error", "perimeter error", "area error", "smoothness error",
    "compactness error", "concavity error", "concave points error", "symmetry error",
    "fractal dimension error",
    "worst radius", "worst texture", "worst perimeter", "worst area", "worst smoothness",
    "worst compactness", "worst concavity", "worst concave points", "worst symmetry",
    "worst fractal dimension",
]
with open(f"{data}/breast_cancer.csv", encoding="ascii") as f:
    lines = list(csv.reader(f))
count, features, *classes = lines[0]
if (int(count), int(features), classes) != (569, 30, ["malignant", "benign"]):
    fail(f"breast_cancer.csv: unexpected first line {lines[0]}")
rows = []
for number, row in enumerate(lines[1:], start=2):
    if len(row) != 31:
        fail(f"breast_cancer.csv:{number}: 31 fields expected, found {len(row)}")
    for value in row[:30]:
        float(value)
    rows.append(row[:30] + [classes[int(row[30])]])
if len(rows) != 569:
    fail(f"breast_cancer.csv: 569 rows expected, found {len(rows)}")
write("breast_cancer.csv", FEATURES + ["diagnosis"], rows)

# digits.csv.gz: no header; 64 pixel counts 0..16 (row-major 8x8 image) then the digit.
with gzip.open(f"{data}/digits.csv.gz", "rt", encoding="ascii") as f:
    rows = list(csv.reader(f))
for number, row in enumerate(rows, start=1):
    if len(row) != 65 or not all(v.isdigit() and int(v) <= 16 for v in row):
        fail(f"digits.csv.gz:{number}: 65 integers in 0..16 expected, found {row}")
    if int(row[64]) > 9:
        fail(f"digits.csv.gz:{number}: the digit must be 0..9 but is {row[64]}")
if len(rows) != 1797:
    fail(f"digits.csv.gz: 1797 rows expected, found {len(rows)}")
write("digits.csv", [f"p{i}" for i in range(64)] + ["digit"], rows)

# diabetes: the raw (unscaled) features, space separated, and the target in a separate file.
with gzip.open(f"{data}/diabetes_data_raw.csv.gz", "rt", encoding="ascii") as f:
    features = [line.split() for line in f if line.strip()]
with gzip.open(f"{data}/diabetes_target.csv.gz", "rt", encoding="ascii") as f:
    targets = [line.strip() for line in f if line.strip()]
if len(features) != 442 or len(targets) != 442:
    fail(f"diabetes: 442 rows expected, found {len(features)} and {len(targets)} targets")
rows = []
for number, (row, target) in enumerate(zip(features, targets), start=1):
    if len(row) != 10:
        fail(f"diabetes_data_raw.csv.gz:{number}: 10 fields expected, found {len(row)}")
    for value in row:
        float(value)
    # Written as the integer it is; refuse rather than round if a target ever is not one.
    value = float(target)
    if value != int(value) or float(str(int(value))) != value:
        fail(f"diabetes_target.csv.gz:{number}: an integer expected, found {target}")
    rows.append(row + [str(int(value))])
write("diabetes.csv", ["age", "sex", "bmi", "bp", "s1", "s2", "s3", "s4", "s5", "s6",
                       "progression"], rows)
PY

(cd "$out" && sha256sum breast_cancer.csv digits.csv diabetes.csv)
