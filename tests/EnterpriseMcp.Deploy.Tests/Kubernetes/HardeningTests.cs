namespace EnterpriseMcp.Deploy.Tests.Kubernetes;

/// <summary>Every pod of every overlay runs hardened: non-root, read-only root, no capabilities, bounded resources.</summary>
public sealed class HardeningTests
{
    [Theory]
    [MemberData(nameof(Kustomize.Overlays), MemberType = typeof(Kustomize))]
    public void Every_container_runs_non_root_on_a_read_only_root_without_capabilities(string overlay)
    {
        var pods = Kustomize.Overlay(overlay).Pods.ToList();
        Assert.NotEmpty(pods);
        foreach (var (name, template) in pods)
        {
            var pod = template.At("spec");
            Assert.True(pod.Text("securityContext", "runAsNonRoot") == "true", $"{name}: runAsNonRoot");
            // A numeric user, so that the kubelet can check runAsNonRoot whatever the image declares.
            Assert.True(int.TryParse(pod.Text("securityContext", "runAsUser"), out var user) && user > 0, $"{name}: runAsUser");
            Assert.True(pod.Text("securityContext", "seccompProfile", "type") == "RuntimeDefault", $"{name}: seccomp");
            Assert.True(pod.Text("automountServiceAccountToken") == "false", $"{name}: no API token in the pod");
            foreach (var container in pod.Items("containers").Concat(pod.Items("initContainers")))
            {
                var where = $"{name}/{container.Text("name")}";
                var security = container.At("securityContext");
                Assert.True(security.Text("allowPrivilegeEscalation") == "false", $"{where}: allowPrivilegeEscalation");
                Assert.True(security.Text("readOnlyRootFilesystem") == "true", $"{where}: readOnlyRootFilesystem");
                Assert.Contains("ALL", security.Items("capabilities", "drop"));
                Assert.Empty(security.Items("capabilities", "add"));
                Assert.NotEqual("true", security.Text("privileged"));
                Assert.NotEqual("false", security.Text("runAsNonRoot"));
                foreach (var kind in new[] { "requests", "limits" })
                {
                    foreach (var resource in new[] { "cpu", "memory" })
                    {
                        Assert.False(string.IsNullOrEmpty(container.Text("resources", kind, resource)), $"{where}: resources.{kind}.{resource}");
                    }
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Kustomize.Overlays), MemberType = typeof(Kustomize))]
    public void What_a_pod_writes_goes_to_an_emptyDir_and_nothing_comes_from_the_node(string overlay)
    {
        foreach (var (name, template) in Kustomize.Overlay(overlay).Pods)
        {
            var volumes = template.Items("spec", "volumes").ToDictionary(volume => volume.Text("name")!);
            foreach (var volume in volumes.Values)
            {
                Assert.True(volume.At("emptyDir") is not null || volume.At("configMap") is not null,
                    $"{name}: volume {volume.Text("name")} is neither an emptyDir nor a ConfigMap");
            }

            foreach (var container in template.Items("spec", "containers"))
            {
                var writable = container.Items("volumeMounts").Where(mount => mount.Text("readOnly") != "true")
                    .Where(mount => volumes[mount.Text("name")!].At("emptyDir") is not null)
                    .Select(mount => mount.Text("mountPath")).ToList();
                Assert.True(writable.Count > 0, $"{name}/{container.Text("name")}: no writable emptyDir");
            }
        }
    }
}
