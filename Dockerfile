# gatefuzz development and CI image: Debian 12 with every package of
# tools/dependencies.txt, installed by the front end that reads that list.
#   docker build -t gatefuzz .
#   docker run --rm gatefuzz        # ./gatefuzz test: every preset, every test
# The build context must not carry build/ or out/ (.dockerignore): a build
# directory configured on another machine does not configure here.
FROM debian:12

WORKDIR /src/gatefuzz
# The front end and its dependency list first, so the package layer is built
# again only when they change, not on every source change. ./gatefuzz
# installs python3 itself when the image has none.
COPY gatefuzz ./
COPY tools/dependencies.txt tools/
COPY tools/gatefuzz tools/gatefuzz/
# Every feature: the image runs every test, the pkey, Cortex-M and Windows
# ones included, without installing anything when it runs.
RUN ./gatefuzz deps --install && rm -rf /var/lib/apt/lists/*

COPY . .
CMD ["./gatefuzz", "test"]
