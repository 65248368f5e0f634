arc-scan --settle soon .
