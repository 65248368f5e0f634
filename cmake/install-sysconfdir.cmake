# Run at install time, by install-office.cmake and install-units.cmake:
# ARC_SYSCONFDIR, the folder that holds arc/ (the office's rules, answers
# and the gateways' settings), without DESTDIR.
# Installed where it was configured for: where the programs look
# (GNUInstallDirs' full path: /etc for /usr, /etc/opt/... for /opt/...).
# Installed elsewhere (cmake --install --prefix, as the tests do): beside
# it, PREFIX/etc; an absolute CMAKE_INSTALL_SYSCONFDIR stays where it
# says.  install-office.cmake writes the choice into PREFIX/share/arc/
# sysconfdir, where the programs read it (arc_sysconf_dir).
if(CMAKE_INSTALL_PREFIX STREQUAL ARC_CONFIGURED_PREFIX OR
    IS_ABSOLUTE "${ARC_INSTALL_SYSCONFDIR}")
	set(ARC_SYSCONFDIR "${ARC_FULL_SYSCONFDIR}")
else()
	set(ARC_SYSCONFDIR "${CMAKE_INSTALL_PREFIX}/${ARC_INSTALL_SYSCONFDIR}")
endif()
