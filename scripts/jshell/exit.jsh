// Appended by `./waterline jshell SCRIPT`: leave JShell once the script has run.
/exit
