package dev.scanpay.admin;

import java.nio.file.Files;
import java.nio.file.Path;

/** Picks the target from the options: --stack, else --local DIR, else ./scanpay-data when it exists. */
final class Targets {

    private Targets() {
    }

    static Target open(ScanpayAdmin options) {
        if (options.stack != null && options.local != null) {
            throw new AdminRefusal("give --local DIR or --stack NAME, not both");
        }
        if (options.stack != null) {
            return AwsStack.open(options.stack, options.region, options.profile);
        }
        if (options.region != null || options.profile != null) {
            throw new AdminRefusal("--region and --profile go with --stack NAME");
        }
        Path dir = options.local != null ? options.local : Path.of(ScanpayAdmin.DEFAULT_DATA_DIR);
        if (options.local == null && !Files.isDirectory(dir)) {
            throw new AdminRefusal("no ./" + ScanpayAdmin.DEFAULT_DATA_DIR + " here: name a target with --local DIR or --stack NAME");
        }
        return LocalTarget.open(dir);
    }
}
