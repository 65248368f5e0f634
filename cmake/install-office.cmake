# Run at install time: the office's own rules and answers, SYSCONFDIR/arc/
# rules and faq, start as copies of the shipped ones, made only when there
# are none, so that an upgrade keeps the office's edits (as Debian keeps
# conffiles).
include("${ARC_SOURCE_DIR}/cmake/install-sysconfdir.cmake")
set(etc "$ENV{DESTDIR}${ARC_SYSCONFDIR}/arc")
foreach(dir rules faq)
	if(EXISTS "${etc}/${dir}")
		message(STATUS "Kept: ${etc}/${dir}")
	else()
		message(STATUS "Installing: ${etc}/${dir}")
		file(COPY "${ARC_SOURCE_DIR}/share/${dir}" DESTINATION "${etc}")
	endif()
endforeach()
