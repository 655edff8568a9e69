; Copydesk's additions to electron-builder's NSIS installer (nsis.include in electron-builder.yml).
;  - "Open with Copydesk" for .json files: Windows reads only a file's last extension, so this covers
;    publish JSON and .ninjs.json alike, without taking over the default app for JSON.
;  - The copydesk command: copydesk.cmd sits beside Copydesk.exe; the installer offers to put the
;    install folder on the user's PATH. Updates (silent, --updated) leave PATH as it is.

!define COPYDESK_PROGID "Copydesk.Json"
!define COPYDESK_HWND_BROADCAST 0xFFFF
!define COPYDESK_WM_SETTINGCHANGE 0x001A

; Sets $R9 to the position of ";$INSTDIR" in $R0 (the user's PATH), or -1.
!macro copydeskFindInstDir PREFIX
  StrCpy $R1 ";$INSTDIR"
  StrLen $R2 $R1
  StrLen $R3 $R0
  StrCpy $R9 -1
  StrCpy $R4 0
  ${PREFIX}_loop:
    IntCmp $R4 $R3 ${PREFIX}_done 0 ${PREFIX}_done
    StrCpy $R5 $R0 $R2 $R4
    StrCmp $R5 $R1 0 +3
      StrCpy $R9 $R4
      Goto ${PREFIX}_done
    IntOp $R4 $R4 + 1
    Goto ${PREFIX}_loop
  ${PREFIX}_done:
!macroend

!macro customInstall
  WriteRegStr SHELL_CONTEXT "Software\Classes\${COPYDESK_PROGID}" "" "Copydesk publish JSON or ninjs"
  WriteRegStr SHELL_CONTEXT "Software\Classes\${COPYDESK_PROGID}\DefaultIcon" "" "$INSTDIR\${APP_EXECUTABLE_FILENAME},0"
  WriteRegStr SHELL_CONTEXT "Software\Classes\${COPYDESK_PROGID}\shell\open\command" "" '"$INSTDIR\${APP_EXECUTABLE_FILENAME}" "%1"'
  WriteRegNone SHELL_CONTEXT "Software\Classes\.json\OpenWithProgids" "${COPYDESK_PROGID}"

  IfSilent copydesk_path_end
  MessageBox MB_YESNO|MB_ICONQUESTION "Add the copydesk command to your PATH?$\r$\n$\r$\nThen copydesk works in any new Command Prompt or PowerShell window." /SD IDNO IDNO copydesk_path_end
  ReadRegStr $R0 HKCU "Environment" "Path"
  !insertmacro copydeskFindInstDir copydesk_install
  IntCmp $R9 -1 0 copydesk_path_end copydesk_path_end
  StrCmp $R0 "" 0 +3
    StrCpy $R0 "$INSTDIR"
    Goto +2
  StrCpy $R0 "$R0;$INSTDIR"
  WriteRegExpandStr HKCU "Environment" "Path" $R0
  SendMessage ${COPYDESK_HWND_BROADCAST} ${COPYDESK_WM_SETTINGCHANGE} 0 "STR:Environment" /TIMEOUT=5000
  copydesk_path_end:
!macroend

!macro customUnInstall
  ${ifNot} ${isUpdated}
    DeleteRegValue SHELL_CONTEXT "Software\Classes\.json\OpenWithProgids" "${COPYDESK_PROGID}"
    DeleteRegKey SHELL_CONTEXT "Software\Classes\${COPYDESK_PROGID}"
    ReadRegStr $R0 HKCU "Environment" "Path"
    StrCmp $R0 "$INSTDIR" 0 +3
      DeleteRegValue HKCU "Environment" "Path"
      Goto copydesk_unpath_changed
    !insertmacro copydeskFindInstDir copydesk_uninstall
    IntCmp $R9 -1 copydesk_unpath_end
    StrCpy $R6 $R0 $R9
    IntOp $R7 $R9 + $R2
    StrCpy $R8 $R0 "" $R7
    WriteRegExpandStr HKCU "Environment" "Path" "$R6$R8"
    copydesk_unpath_changed:
    SendMessage ${COPYDESK_HWND_BROADCAST} ${COPYDESK_WM_SETTINGCHANGE} 0 "STR:Environment" /TIMEOUT=5000
    copydesk_unpath_end:
  ${endIf}
!macroend
