package dev.scanpay.core.service.reconcile;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * The report files in an S3 bucket (template.yaml's ReportsBucket: encrypted, versioned, public access
 * blocked): uploaded from the file the report was streamed into, and handed to merchants as pre-signed GETs.
 */
public class S3ReportStore implements ReportStore {

    private final S3Client s3;
    private final S3Presigner presigner;
    private final String bucket;

    public S3ReportStore(S3Client s3, S3Presigner presigner, String bucket) {
        this.s3 = s3;
        this.presigner = presigner;
        this.bucket = bucket;
    }

    @Override
    public void put(String key, Path file) {
        s3.putObject(b -> b.bucket(bucket).key(key).contentType("text/csv; charset=UTF-8"), RequestBody.fromFile(file));
    }

    @Override
    public boolean exists(String key) {
        try {
            s3.headObject(b -> b.bucket(bucket).key(key));
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public URI link(String key, Duration validity) {
        return URI.create(presigner.presignGetObject(b -> b.signatureDuration(validity)
                .getObjectRequest(g -> g.bucket(bucket).key(key))).url().toString());
    }
}
