; Copydesk's additions to electron-builder's NSIS installer (nsis.include in electron-builder.yml).
;  - "Open with Copydesk" for .json files: Windows reads only a file's last extension, so this covers
;    publish JSON and .ninjs.json alike, without taking over the default app for JSON.
;  - The copydesk command: copydesk.cmd sits beside Copydesk.exe; the installer offers to put the
;    install folder on the user's PATH. Updates (silent, --updated) leave PATH as it is.

!define COPYDESK_PROGID "Copydesk.Json"
!define COPYDESK_HWND_BROADCAST 0xFFFF
!define COPYDESK_WM_SETTINGCHANGE 0x001A

; Reads the user's PATH into $R0 and sets $R8 to "ok", "absent" (no Path value) or "unreadable".
; ReadRegStr gives "" with the error flag both for a missing value and for one longer than
; NSIS_MAX_STRLEN, so an error is "absent" only when Environment really has no Path value. A
; value that fills the buffer may be cut short: that is "unreadable" too, and writing it back
; would lose the rest of the user's PATH.
!macro copydeskReadUserPath PREFIX
  StrCpy $R8 "ok"
  ClearErrors
  ReadRegStr $R0 HKCU "Environment" "Path"
  IfErrors 0 ${PREFIX}_check_length
  StrCpy $R8 "absent"
  StrCpy $R4 0
  ${PREFIX}_enum:
    ClearErrors
    EnumRegValue $R5 HKCU "Environment" $R4
    IfErrors ${PREFIX}_done
    StrCmp $R5 "" ${PREFIX}_done
    StrCmp $R5 "Path" 0 ${PREFIX}_next
    StrCpy $R8 "unreadable"
    Goto ${PREFIX}_done
    ${PREFIX}_next:
    IntOp $R4 $R4 + 1
    Goto ${PREFIX}_enum
  ${PREFIX}_check_length:
  ; Room for the ";" either side that the whole-entry match below adds.
  StrLen $R4 $R0
  IntOp $R4 $R4 + 3
  IntCmp $R4 ${NSIS_MAX_STRLEN} 0 ${PREFIX}_done 0
  StrCpy $R8 "unreadable"
  ${PREFIX}_done:
!macroend

; Sets $R9 to the position of $R1 in $R0, or -1, and $R2 to the length of $R1. StrCmp ignores
; case, as Windows does in paths. Callers put ";" around both, so only a whole entry matches:
; C:\Copydesk is not found in C:\Copydesk2, and an entry first or last in PATH is found.
!macro copydeskFind PREFIX
  StrLen $R2 $R1
  StrLen $R3 $R0
  StrCpy $R9 -1
  StrCpy $R4 0
  ${PREFIX}_loop:
    IntOp $R5 $R4 + $R2
    IntCmp $R5 $R3 0 0 ${PREFIX}_done
    StrCpy $R5 $R0 $R2 $R4
    StrCmp $R5 $R1 0 ${PREFIX}_next
    StrCpy $R9 $R4
    Goto ${PREFIX}_done
    ${PREFIX}_next:
    IntOp $R4 $R4 + 1
    Goto ${PREFIX}_loop
  ${PREFIX}_done:
!macroend

; Sets $R9 to the position of the install folder as a whole entry of ";$R6;" (in $R0), with or
; without a trailing backslash, or -1.
!macro copydeskFindInstDir PREFIX
  StrCpy $R0 ";$R6;"
  StrCpy $R1 ";$INSTDIR;"
  !insertmacro copydeskFind ${PREFIX}_plain
  IntCmp $R9 -1 0 ${PREFIX}_found ${PREFIX}_found
  StrCpy $R1 ";$INSTDIR\;"
  !insertmacro copydeskFind ${PREFIX}_slash
  ${PREFIX}_found:
!macroend

!macro customInstall
  WriteRegStr SHELL_CONTEXT "Software\Classes\${COPYDESK_PROGID}" "" "Copydesk publish JSON or ninjs"
  WriteRegStr SHELL_CONTEXT "Software\Classes\${COPYDESK_PROGID}\DefaultIcon" "" "$INSTDIR\${APP_EXECUTABLE_FILENAME},0"
  WriteRegStr SHELL_CONTEXT "Software\Classes\${COPYDESK_PROGID}\shell\open\command" "" '"$INSTDIR\${APP_EXECUTABLE_FILENAME}" "%1"'
  WriteRegNone SHELL_CONTEXT "Software\Classes\.json\OpenWithProgids" "${COPYDESK_PROGID}"

  IfSilent copydesk_path_end
  MessageBox MB_YESNO|MB_ICONQUESTION "Add the copydesk command to your PATH?$\r$\n$\r$\nThen copydesk works in any new Command Prompt or PowerShell window." /SD IDNO IDNO copydesk_path_end
  !insertmacro copydeskReadUserPath copydesk_install_read
  StrCmp $R8 "unreadable" copydesk_path_refused
  StrCmp $R8 "absent" 0 copydesk_path_append
  WriteRegExpandStr HKCU "Environment" "Path" "$INSTDIR"
  Goto copydesk_path_changed

  copydesk_path_append:
  StrCpy $R6 $R0
  !insertmacro copydeskFindInstDir copydesk_install
  IntCmp $R9 -1 0 copydesk_path_end copydesk_path_end
  ; The new value must fit in NSIS's strings whole, or it would be written cut short.
  StrLen $R4 $R6
  StrLen $R5 $INSTDIR
  IntOp $R4 $R4 + $R5
  IntOp $R4 $R4 + 2
  IntCmp $R4 ${NSIS_MAX_STRLEN} copydesk_path_refused 0 copydesk_path_refused
  StrCmp $R6 "" copydesk_path_alone
  StrCpy $R5 $R6 1 -1
  StrCmp $R5 ";" copydesk_path_after_separator
  StrCpy $R6 "$R6;$INSTDIR"
  Goto copydesk_path_write
  copydesk_path_after_separator:
  StrCpy $R6 "$R6$INSTDIR"
  Goto copydesk_path_write
  copydesk_path_alone:
  StrCpy $R6 "$INSTDIR"
  copydesk_path_write:
  WriteRegExpandStr HKCU "Environment" "Path" $R6
  copydesk_path_changed:
  SendMessage ${COPYDESK_HWND_BROADCAST} ${COPYDESK_WM_SETTINGCHANGE} 0 "STR:Environment" /TIMEOUT=5000
  Goto copydesk_path_end

  copydesk_path_refused:
  DetailPrint "PATH left unchanged: your PATH is too long for this installer to read and write whole. Add $INSTDIR to it by hand to use the copydesk command."
  MessageBox MB_OK|MB_ICONEXCLAMATION "Your PATH is too long for the installer to change it safely, so it was left as it is.$\r$\n$\r$\nTo use the copydesk command, add this folder to PATH in Settings (Edit environment variables for your account):$\r$\n$INSTDIR" /SD IDOK
  copydesk_path_end:
!macroend

!macro customUnInstall
  ${ifNot} ${isUpdated}
    DeleteRegValue SHELL_CONTEXT "Software\Classes\.json\OpenWithProgids" "${COPYDESK_PROGID}"
    DeleteRegKey SHELL_CONTEXT "Software\Classes\${COPYDESK_PROGID}"
    !insertmacro copydeskReadUserPath copydesk_uninstall_read
    StrCmp $R8 "absent" copydesk_unpath_end
    StrCmp $R8 "ok" copydesk_unpath_readable
    DetailPrint "PATH left unchanged: it is too long for this uninstaller to read and write whole. Remove $INSTDIR from it by hand."
    Goto copydesk_unpath_end
    copydesk_unpath_readable:
    StrCpy $R6 $R0
    !insertmacro copydeskFindInstDir copydesk_uninstall
    IntCmp $R9 -1 copydesk_unpath_end
    ; $R0 is ";before;INSTDIR;after;": keep before and after with one ";" between them, then take
    ; off the ";" the match added at either end.
    StrCpy $R6 $R0 $R9
    IntOp $R7 $R9 + $R2
    StrCpy $R8 $R0 "" $R7
    StrCpy $R0 "$R6;$R8"
    StrCpy $R0 $R0 "" 1
    StrCpy $R0 $R0 -1
    StrCmp $R0 "" 0 copydesk_unpath_write
    DeleteRegValue HKCU "Environment" "Path"
    Goto copydesk_unpath_changed
    copydesk_unpath_write:
    WriteRegExpandStr HKCU "Environment" "Path" $R0
    copydesk_unpath_changed:
    SendMessage ${COPYDESK_HWND_BROADCAST} ${COPYDESK_WM_SETTINGCHANGE} 0 "STR:Environment" /TIMEOUT=5000
    copydesk_unpath_end:
  ${endIf}
!macroend
