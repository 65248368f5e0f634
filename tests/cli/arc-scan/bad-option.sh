arc-scan --frobnicate samples
