# Run at install time: the office's own rules and answers, SYSCONFDIR/arc/
# rules and faq, start as copies of the shipped ones, made only when there
# are none, so that an upgrade keeps the office's edits (as Debian keeps
# conffiles).
# Installed where it was configured for: where the programs look
# (GNUInstallDirs' full path: /etc for /usr, /etc/opt/... for /opt/...).
# Installed elsewhere (cmake --install --prefix, as the tests do): beside
# it, PREFIX/etc.
if(CMAKE_INSTALL_PREFIX STREQUAL ARC_CONFIGURED_PREFIX)
	set(etc "${ARC_FULL_SYSCONFDIR}")
else()
	set(etc "${CMAKE_INSTALL_PREFIX}/${ARC_INSTALL_SYSCONFDIR}")
endif()
set(etc "$ENV{DESTDIR}${etc}/arc")
foreach(dir rules faq)
	if(EXISTS "${etc}/${dir}")
		message(STATUS "Kept: ${etc}/${dir}")
	else()
		message(STATUS "Installing: ${etc}/${dir}")
		file(COPY "${ARC_SOURCE_DIR}/share/${dir}" DESTINATION "${etc}")
	endif()
endforeach()
