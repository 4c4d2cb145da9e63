// Loaded by `./waterline jshell`: the Waterline API at hand.
import dev.waterline.vex.*;
import java.nio.file.*;
import java.time.*;
