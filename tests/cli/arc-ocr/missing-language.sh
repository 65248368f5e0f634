# A language pack that is not installed is named, with the package to install.
arc-ocr -l xyz </dev/null
