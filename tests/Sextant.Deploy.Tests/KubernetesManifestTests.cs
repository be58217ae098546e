using k8s;
using k8s.Models;
using Sextant.Server.Tests.Deploy;

namespace Sextant.Deploy.Tests;

/// <summary><c>deploy/k8s</c> rendered offline by <c>kubectl kustomize</c> and loaded as typed objects.</summary>
public sealed class KubernetesManifestTests
{
    private static readonly Lazy<Task<List<object>>> s_rendered = new(RenderAsync);

    [Fact]
    public async Task Deployment_ProbesReadyAndHealth_WithResourcesAndARestrictedSecurityContext()
    {
        var deployment = await SingleAsync<V1Deployment>();
        var pod = deployment.Spec.Template.Spec;
        var container = Assert.Single(pod.Containers);

        Assert.Equal("/ready", container.ReadinessProbe.HttpGet.Path);
        Assert.Equal("/health", container.LivenessProbe.HttpGet.Path);
        Assert.Equal("http", container.ReadinessProbe.HttpGet.Port.Value);
        Assert.Contains(container.Ports, p => p.Name == "http" && p.ContainerPort == 8080);
        Assert.True(container.Resources.Requests.ContainsKey("cpu") && container.Resources.Requests.ContainsKey("memory"));
        Assert.True(container.Resources.Limits.ContainsKey("memory"));
        Assert.True(pod.SecurityContext.RunAsNonRoot);
        Assert.NotEqual(0, pod.SecurityContext.RunAsUser);
        Assert.Equal("RuntimeDefault", pod.SecurityContext.SeccompProfile.Type);
        AssertRestricted(container);
    }

    [Fact]
    public async Task Deployment_RollsOneAtATime_AndDrainsBeforeItStops()
    {
        var deployment = await SingleAsync<V1Deployment>();
        var pod = deployment.Spec.Template.Spec;
        var container = Assert.Single(pod.Containers);

        Assert.Equal("RollingUpdate", deployment.Spec.Strategy.Type);
        Assert.Equal("0", deployment.Spec.Strategy.RollingUpdate.MaxUnavailable.Value);
        Assert.True(deployment.Spec.Replicas >= 2);
        // preStop keeps serving while the pod leaves the endpoints; the grace period covers it and the server's drain.
        var preStop = container.Lifecycle.PreStop.Exec.Command;
        Assert.Equal("sleep", preStop[0]);
        Assert.True(pod.TerminationGracePeriodSeconds > int.Parse(preStop[1], System.Globalization.CultureInfo.InvariantCulture) + 15);
    }

    [Fact]
    public async Task Deployment_ReadsKeysAndTheStoreFromTheSecret_AndSextantYamlFromTheConfigMap()
    {
        var all = await s_rendered.Value;
        var deployment = await SingleAsync<V1Deployment>();
        var container = Assert.Single(deployment.Spec.Template.Spec.Containers);
        var secrets = container.Env.Where(e => e.ValueFrom?.SecretKeyRef is not null).ToDictionary(e => e.Name, e => e.ValueFrom.SecretKeyRef);

        Assert.Equal("store-url", secrets["SEXTANT_STORE"].Key);
        Assert.Equal("api-keys", secrets["SEXTANT_API_KEYS"].Key);
        Assert.Equal("admin-keys", secrets["SEXTANT_ADMIN_KEYS"].Key);
        Assert.All(secrets.Values, s => Assert.Equal("sextant-secrets", s.Name));
        Assert.DoesNotContain(all, o => o is V1Secret);
        // The generated ConfigMap's hashed name is the one mounted.
        var config = Assert.Single(all.OfType<V1ConfigMap>());
        Assert.Contains("features:", config.Data["sextant.yaml"], StringComparison.Ordinal);
        var volume = Assert.Single(deployment.Spec.Template.Spec.Volumes, v => v.ConfigMap is not null);
        Assert.Equal(config.Metadata.Name, volume.ConfigMap.Name);
        Assert.Contains(container.VolumeMounts, m => m.Name == volume.Name && m.MountPath == "/data/project/sextant.yaml" && m.SubPath == "sextant.yaml");
        Assert.Contains(container.VolumeMounts, m => m.MountPath == "/tmp");
    }

    [Fact]
    public async Task ServiceHpaAndPdb_SelectTheDeploymentsPods()
    {
        var deployment = await SingleAsync<V1Deployment>();
        var labels = deployment.Spec.Template.Metadata.Labels;
        var service = await SingleAsync<V1Service>();
        var hpa = await SingleAsync<V2HorizontalPodAutoscaler>();
        var pdb = await SingleAsync<V1PodDisruptionBudget>();

        Assert.All(service.Spec.Selector, s => Assert.Equal(s.Value, labels[s.Key]));
        Assert.Equal("http", service.Spec.Ports.Single().TargetPort.Value);
        Assert.Equal(("Deployment", deployment.Metadata.Name), (hpa.Spec.ScaleTargetRef.Kind, hpa.Spec.ScaleTargetRef.Name));
        Assert.True(hpa.Spec.MinReplicas >= 2 && hpa.Spec.MaxReplicas > hpa.Spec.MinReplicas);
        Assert.Equal("cpu", hpa.Spec.Metrics.Single().Resource.Name);
        Assert.All(pdb.Spec.Selector.MatchLabels, s => Assert.Equal(s.Value, labels[s.Key]));
        Assert.True(int.Parse(pdb.Spec.MinAvailable.Value, System.Globalization.CultureInfo.InvariantCulture) < hpa.Spec.MinReplicas);
    }

    [Fact]
    public async Task CronJobs_RunMonitoringChecksAndRetraining_OneAtATime()
    {
        var cronJobs = (await s_rendered.Value).OfType<V1CronJob>().ToDictionary(c => c.Metadata.Name);

        Assert.Equal("monitor", cronJobs["sextant-monitor"].Spec.JobTemplate.Spec.Template.Spec.Containers.Single().Args[0]);
        Assert.Equal(["train", "--project", "/data/project", "--promote", "staging"], cronJobs["sextant-retrain"].Spec.JobTemplate.Spec.Template.Spec.Containers.Single().Args);
        Assert.All(cronJobs.Values, c =>
        {
            Assert.Equal("Forbid", c.Spec.ConcurrencyPolicy);
            Assert.Equal(5, c.Spec.Schedule.Split(' ').Length);
            Assert.True(c.Spec.JobTemplate.Spec.Template.Spec.SecurityContext.RunAsNonRoot);
            AssertRestricted(c.Spec.JobTemplate.Spec.Template.Spec.Containers.Single());
        });
    }

    [Fact]
    public async Task BatchScoring_IsAnIndexedJobWhosePodsEachTakeTheirPart()
    {
        var job = await SingleAsync<V1Job>();
        var container = job.Spec.Template.Spec.Containers.Single();

        Assert.Equal("Indexed", job.Spec.CompletionMode);
        Assert.Equal(job.Spec.Completions, job.Spec.Parallelism);
        // The command the pods run: 'sextant score' over the whole input, this pod's part K of N = completions.
        Assert.Equal("score", container.Args[0]);
        Assert.Equal($"$(JOB_COMPLETION_INDEX)/{job.Spec.Completions}", container.Args[container.Args.IndexOf("--partition") + 1]);
        Assert.Contains("$(JOB_COMPLETION_INDEX)", container.Args[container.Args.IndexOf("--output") + 1], StringComparison.Ordinal);
        Assert.Contains(container.Env, e => e.Name == "JOB_COMPLETION_INDEX" && e.ValueFrom.FieldRef.FieldPath == "metadata.annotations['batch.kubernetes.io/job-completion-index']");
        Assert.Equal("Never", job.Spec.Template.Spec.RestartPolicy);
        AssertRestricted(container);
    }

    private static void AssertRestricted(V1Container container)
    {
        Assert.True(container.SecurityContext.ReadOnlyRootFilesystem);
        Assert.False(container.SecurityContext.AllowPrivilegeEscalation);
        Assert.Equal(["ALL"], container.SecurityContext.Capabilities.Drop);
    }

    private static async Task<T> SingleAsync<T>() => Assert.Single((await s_rendered.Value).OfType<T>());

    private static async Task<List<object>> RenderAsync()
    {
        var kubectl = DeployTools.Require("kubectl", "kubectl");
        var (exit, stdout, stderr) = await DeployTools.RunAsync(kubectl, DeployTools.Root, null, "kustomize", "deploy/k8s");
        Assert.True(exit == 0, $"kubectl kustomize failed:{Environment.NewLine}{stderr}");
        return KubernetesYaml.LoadAllFromString(stdout);
    }
}
