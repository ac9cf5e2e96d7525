# Install layout and the Debian package (`cmake --install`, `make package`).
#
#   bin/anatomy
#   share/anatomy/{shaders,assets}          the data; assets/skeleton.glb is the baked skeleton
#   share/applications/anatomy.desktop      the menu entry
#   share/icons/hicolor/NxN/apps/anatomy.png   rendered by the app itself at build time
#   share/mime/packages/anatomy.xml         patient profiles (*.anatomy) open in the viewer
#   share/man/man1/anatomy.1.gz
#   share/doc/anatomy/copyright, changelog.gz
# The binary finds share/anatomy next to itself (core/files.cpp), so the tree can be installed
# or unpacked under any prefix.
include(GNUInstallDirs)

set(ANATOMY_DATA_DEST "${CMAKE_INSTALL_DATADIR}/anatomy")
install(TARGETS anatomy RUNTIME DESTINATION "${CMAKE_INSTALL_BINDIR}")
install(DIRECTORY "${CMAKE_SOURCE_DIR}/shaders" DESTINATION "${ANATOMY_DATA_DEST}")
install(DIRECTORY "${CMAKE_SOURCE_DIR}/assets" DESTINATION "${ANATOMY_DATA_DEST}" PATTERN ".keep" EXCLUDE)
install(FILES "${ANATOMY_SKELETON_GLB}" DESTINATION "${ANATOMY_DATA_DEST}/assets")
install(FILES "${CMAKE_SOURCE_DIR}/packaging/anatomy.desktop" DESTINATION "${CMAKE_INSTALL_DATADIR}/applications")
install(FILES "${CMAKE_SOURCE_DIR}/packaging/anatomy-mime.xml" DESTINATION "${CMAKE_INSTALL_DATADIR}/mime/packages" RENAME anatomy.xml)

# The icon: the pelvis and hip flexors, rendered by the app's own renderer (no drawn art).
set(ANATOMY_ICON_SIZES 16 24 32 48 64 128 256)
set(icon_files "")
foreach(size ${ANATOMY_ICON_SIZES})
  set(icon "${CMAKE_BINARY_DIR}/icons/${size}x${size}/apps/anatomy.png")
  add_custom_command(OUTPUT "${icon}"
    COMMAND "${CMAKE_COMMAND}" -E make_directory "${CMAKE_BINARY_DIR}/icons/${size}x${size}/apps"
    COMMAND "${CMAKE_COMMAND}" -E env SDL_VIDEODRIVER=offscreen HOME=${CMAKE_BINARY_DIR}/icons
            XDG_CONFIG_HOME=${CMAKE_BINARY_DIR}/icons/config XDG_STATE_HOME=${CMAKE_BINARY_DIR}/icons/state
            $<TARGET_FILE:anatomy> snapshot -o "${icon}" --size ${size}x${size} --transparent --focus pelvis
            --yaw 0 --pitch 8 --only psoas,iliacus
    DEPENDS skeleton_asset "${ANATOMY_SKELETON_GLB}"
    COMMENT "Rendering the ${size}x${size} icon"
    VERBATIM)
  list(APPEND icon_files "${icon}")
  install(FILES "${icon}" DESTINATION "${CMAKE_INSTALL_DATADIR}/icons/hicolor/${size}x${size}/apps")
endforeach()

# The man page and the changelog, compressed as Debian wants them (gzip -9n: no name, no time).
set(ANATOMY_MAN_GZ "${CMAKE_BINARY_DIR}/man/anatomy.1.gz")
add_custom_command(OUTPUT "${ANATOMY_MAN_GZ}"
  COMMAND "${CMAKE_COMMAND}" -E make_directory "${CMAKE_BINARY_DIR}/man"
  COMMAND sh -c "gzip -9n -c '${CMAKE_SOURCE_DIR}/packaging/anatomy.1' > '${ANATOMY_MAN_GZ}'"
  DEPENDS "${CMAKE_SOURCE_DIR}/packaging/anatomy.1" VERBATIM)
set(ANATOMY_CHANGELOG_GZ "${CMAKE_BINARY_DIR}/man/changelog.gz")
add_custom_command(OUTPUT "${ANATOMY_CHANGELOG_GZ}"
  COMMAND sh -c "gzip -9n -c '${CMAKE_SOURCE_DIR}/packaging/changelog' > '${ANATOMY_CHANGELOG_GZ}'"
  DEPENDS "${CMAKE_SOURCE_DIR}/packaging/changelog" "${ANATOMY_MAN_GZ}" VERBATIM)
install(FILES "${ANATOMY_MAN_GZ}" DESTINATION "${CMAKE_INSTALL_MANDIR}/man1")
install(FILES "${CMAKE_SOURCE_DIR}/packaging/copyright" DESTINATION "${CMAKE_INSTALL_DOCDIR}")
install(FILES "${ANATOMY_CHANGELOG_GZ}" DESTINATION "${CMAKE_INSTALL_DOCDIR}")

if(ANATOMY_SANITIZE)
  add_custom_target(install_files DEPENDS ${icon_files} "${ANATOMY_MAN_GZ}" "${ANATOMY_CHANGELOG_GZ}")
else()
  add_custom_target(install_files ALL DEPENDS ${icon_files} "${ANATOMY_MAN_GZ}" "${ANATOMY_CHANGELOG_GZ}")
endif()

# ---- The Debian package (cpack -G DEB; `make package`) ----------------------------------------
set(CPACK_GENERATOR "DEB")
set(CPACK_PACKAGE_NAME "anatomy")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGE_VENDOR "The Anatomy team")
set(CPACK_PACKAGE_CONTACT "Anatomy team <anatomy@example.org>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "real-time 3D anatomy viewer for pelvic tilt and stretches")
set(CPACK_PACKAGE_DESCRIPTION
    "Shows a human skeleton with the muscles of the hip, thigh and lower trunk\n on published paths, animates stretches for the hip flexors and hamstrings,\n and shows how tight muscles tilt the pelvis forward and deepen the lumbar\n curve. For students exploring anatomy, people following stretches at home,\n and clinicians explaining posture. Works offline; includes a scriptable\n command line (snapshots, posture measures, video export).")
set(CPACK_PACKAGING_INSTALL_PREFIX "/usr")
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION "science")
set(CPACK_DEBIAN_PACKAGE_PRIORITY "optional")
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)   # dependencies from the binary's libraries (dpkg-shlibdeps)
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "https://example.org/anatomy")
# Runtime needs dpkg-shlibdeps cannot see: the UI font (loaded from a path), OpenGL and EGL
# (SDL loads them at run time), Mesa's drivers (software rendering where there is no GPU driver),
# and ffmpeg (run as a process for video export; the app works without it and says so).
set(CPACK_DEBIAN_PACKAGE_DEPENDS "fonts-dejavu-core, libgl1, libegl1")
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "ffmpeg, libgl1-mesa-dri")
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION TRUE)
include(CPack)
