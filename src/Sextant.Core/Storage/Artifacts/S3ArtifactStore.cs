using System.Net;
using System.Net.Sockets;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace Sextant.Storage.Artifacts;

/// <summary>
/// Artifacts as objects <c>prefix/&lt;sha256&gt;.json</c> in an S3 bucket (AWS or any S3-compatible server). Credentials
/// come from the SDK's default chain: <c>AWS_ACCESS_KEY_ID</c>/<c>AWS_SECRET_ACCESS_KEY</c>(/<c>AWS_SESSION_TOKEN</c>), a
/// profile, or the pod's or instance's role. Every S3 failure becomes a <see cref="SextantException"/> that says what to
/// check (endpoint, bucket, credentials), never a stack trace.
/// </summary>
public sealed class S3ArtifactStore : ArtifactStore
{
    private readonly IAmazonS3 _client;

    /// <summary>A store over <paramref name="location"/>; <paramref name="credentials"/> null takes the SDK's default chain.</summary>
    public S3ArtifactStore(S3ArtifactLocation location, AWSCredentials? credentials = null)
    {
        ArgumentNullException.ThrowIfNull(location);
        S3 = location;
        _client = credentials is null ? new AmazonS3Client(ClientConfig(location)) : new AmazonS3Client(credentials, ClientConfig(location));
    }

    /// <summary>The bucket, prefix, endpoint and region.</summary>
    public S3ArtifactLocation S3 { get; }

    public override string Location => S3.ToString();

    /// <summary>A client configuration for <paramref name="location"/>: few retries (a wrong endpoint fails in seconds) and
    /// checksums only where S3 requires them (many S3-compatible servers reject the SDK's newer trailing checksums; the
    /// store verifies SHA-256 itself).</summary>
    public static AmazonS3Config ClientConfig(S3ArtifactLocation location)
    {
        ArgumentNullException.ThrowIfNull(location);
        var config = new AmazonS3Config
        {
            ForcePathStyle = location.PathStyle,
            MaxErrorRetry = 2,
            Timeout = TimeSpan.FromSeconds(60),
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
        };
        if (location.Endpoint is { } endpoint)
        {
            config.ServiceURL = endpoint.ToString();
            config.AuthenticationRegion = location.Region;
        }
        else
        {
            config.RegionEndpoint = Amazon.RegionEndpoint.GetBySystemName(location.Region);
        }

        return config;
    }

    /// <summary>One PUT: S3 makes an object visible whole or not at all.</summary>
    protected override Task WriteAsync(string sha256, ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken) =>
        CallAsync(sha256, async () =>
        {
            using var body = new MemoryStream(bytes.ToArray(), writable: false);
            var request = new PutObjectRequest
            {
                BucketName = S3.Bucket,
                Key = S3.KeyOf(sha256),
                InputStream = body,
                AutoCloseStream = false,
                ContentType = "application/octet-stream",
            };
            await _client.PutObjectAsync(request, cancellationToken).ConfigureAwait(false);
            return true;
        });

    protected override Task<byte[]?> ReadAsync(string sha256, CancellationToken cancellationToken) =>
        CallAsync(sha256, async () =>
        {
            try
            {
                using var response = await _client.GetObjectAsync(S3.Bucket, S3.KeyOf(sha256), cancellationToken).ConfigureAwait(false);
                using var copy = new MemoryStream(response.ContentLength > 0 ? (int)Math.Min(response.ContentLength, int.MaxValue) : 0);
                await response.ResponseStream.CopyToAsync(copy, cancellationToken).ConfigureAwait(false);
                return copy.ToArray();
            }
            catch (AmazonS3Exception ex) when (ex.ErrorCode == "NoSuchKey")
            {
                return (byte[]?)null;
            }
        });

    // Runs one S3 call and turns its failures into messages that say what to fix.
    private async Task<T> CallAsync<T>(string sha256, Func<Task<T>> call)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (AmazonS3Exception ex) when (ex.ErrorCode == "NoSuchBucket")
        {
            throw new SextantException($"The artifact bucket '{S3.Bucket}' does not exist ({Location}). Create it (e.g. 'aws s3 mb s3://{S3.Bucket}') or fix 'artifacts:' in sextant.yaml / {ArtifactLocation.EnvironmentVariable}.", ex);
        }
        catch (AmazonS3Exception ex) when (ex.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized
            || ex.ErrorCode is "InvalidAccessKeyId" or "SignatureDoesNotMatch" or "AccessDenied" or "ExpiredToken" or "InvalidToken")
        {
            throw new SextantException($"The artifact store {Location} refused the credentials ({ex.ErrorCode}: {ex.Message}). Check AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (or the role) and the bucket's policy.", ex);
        }
        catch (AmazonS3Exception ex)
        {
            throw new SextantException($"The artifact store {Location} answered {(int)ex.StatusCode} {ex.ErrorCode} for artifact {sha256}: {ex.Message}", ex);
        }
        catch (Exception ex) when (IsUnreachable(ex))
        {
            throw new SextantException($"Cannot reach the artifact store {Location}: {Innermost(ex).Message.TrimEnd('.')}. Check the endpoint (AWS_ENDPOINT_URL or ?endpoint=) and the network.", ex);
        }
        catch (AmazonClientException ex) when (ex.Message.StartsWith("Failed to resolve AWS credentials", StringComparison.Ordinal))
        {
            throw new SextantException($"No AWS credentials for the artifact store {Location} (none in the environment, a web identity token, the default profile or the instance's role). Set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or give the pod a role.", ex);
        }
        catch (AmazonClientException ex)
        {
            throw new SextantException($"Cannot use the artifact store {Location}: {ex.Message}", ex);
        }
    }

    private static bool IsUnreachable(Exception ex) =>
        ex is HttpRequestException or SocketException or TimeoutException || (ex.InnerException is { } inner && IsUnreachable(inner));

    private static Exception Innermost(Exception ex) => ex.InnerException is { } inner ? Innermost(inner) : ex;
}
