# Run at install time: the nightly job's cron line and systemd service name
# the programs where this install puts them, whatever the prefix (and under
# DESTDIR, where a package is staged); the gateways' unit names their
# adapters and settings likewise.
set(ARC_BINDIR "${CMAKE_INSTALL_PREFIX}/${ARC_INSTALL_BINDIR}")
if(IS_ABSOLUTE "${ARC_INSTALL_BINDIR}")
	set(ARC_BINDIR "${ARC_INSTALL_BINDIR}")
endif()
set(share "$ENV{DESTDIR}${CMAKE_INSTALL_PREFIX}/${ARC_INSTALL_DATADIR}/arc")
set(ARC_DATADIR "${CMAKE_INSTALL_PREFIX}/${ARC_INSTALL_DATADIR}/arc")
# The gateways' adapters read their settings from there.
include("${ARC_SOURCE_DIR}/cmake/install-sysconfdir.cmake")
foreach(unit cron/arc-batch systemd/arc-batch.service
		systemd/faqbot-web.service systemd/arc-web.service
		systemd/faqbot-webhook@.service systemd/arc-web-pam.conf)
	message(STATUS "Installing: ${share}/${unit}")
	configure_file("${ARC_SOURCE_DIR}/share/${unit}.in" "${share}/${unit}"
		@ONLY)
endforeach()
