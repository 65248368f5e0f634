# Plain, gzip, bzip2, xz and zstd tar; the symbolic link inside is not followed.
. "$ARC_TESTS/cli/arc-scan/records.inc"
for kind in tar tar-gz tar-bz2 tar-xz tar-zst; do $MKFIXTURE $kind $kind.bin; done
scan tar.bin tar-gz.bin tar-bz2.bin tar-xz.bin tar-zst.bin
