# Run at install time: the office's own rules and answers, SYSCONFDIR/arc/
# rules and faq, start as copies of the shipped ones, made only when there
# are none, so that an upgrade keeps the office's edits (as Debian keeps
# conffiles).  A word list a newer version ships (topik.txt) is added to
# a kept faq folder that lacks it, so that the office can edit it there.
include("${ARC_SOURCE_DIR}/cmake/install-sysconfdir.cmake")
set(etc "$ENV{DESTDIR}${ARC_SYSCONFDIR}/arc")
# Where that is, for the programs, arc-batch and arc-setup to read
# (arc_sysconf_dir): the one place that decides it.
set(datadir "${ARC_INSTALL_DATADIR}")
if(NOT IS_ABSOLUTE "${datadir}")
	set(datadir "${CMAKE_INSTALL_PREFIX}/${datadir}")
endif()
message(STATUS "Installing: $ENV{DESTDIR}${datadir}/arc/sysconfdir")
file(WRITE "$ENV{DESTDIR}${datadir}/arc/sysconfdir" "${ARC_SYSCONFDIR}\n")
foreach(dir rules faq)
	if(EXISTS "${etc}/${dir}")
		message(STATUS "Kept: ${etc}/${dir}")
	else()
		message(STATUS "Installing: ${etc}/${dir}")
		file(COPY "${ARC_SOURCE_DIR}/share/${dir}" DESTINATION "${etc}")
	endif()
endforeach()
foreach(list normalisasi.txt sinonim.txt topik.txt)
	if(NOT EXISTS "${etc}/faq/${list}")
		message(STATUS "Installing: ${etc}/faq/${list}")
		file(COPY "${ARC_SOURCE_DIR}/share/faq/${list}"
		    DESTINATION "${etc}/faq")
	endif()
endforeach()
