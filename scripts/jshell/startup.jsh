// Loaded by `./waterline jshell`: the Waterline API at hand.
import dev.waterline.vex.*;
import dev.waterline.vex.sign.*;
import dev.waterline.vex.oci.*;
import dev.waterline.vex.policy.*;
import dev.waterline.vex.testkit.*;
import java.nio.file.*;
import java.time.*;
