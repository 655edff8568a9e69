@echo off
rem The `copydesk` command of an installed Copydesk on Windows: runs Copydesk.exe with --cli.
rem A batch file waits for the app to finish, so the exit code and output reach the console.
"%~dp0Copydesk.exe" --cli %*
exit /b %ERRORLEVEL%
