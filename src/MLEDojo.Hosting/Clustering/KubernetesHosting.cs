using System.Collections;
using MLEDojo.Hosting.Configuration;

namespace MLEDojo.Hosting.Clustering;

/// <summary>
/// Whether a silo uses Orleans' Kubernetes hosting (Microsoft.Orleans.Hosting.Kubernetes): only in the cluster profile,
/// where kubernetes.hosting says "on", or says "auto" and the process runs in a pod. In a pod the package names the
/// silo after it (POD_NAME), reads its namespace and IP (POD_NAMESPACE, POD_IP), labels it orleans/serviceId and
/// orleans/clusterId, and declares a silo dead as soon as its pod is deleted rather than after missed probes; its
/// service account needs pods get/list/watch/patch/delete (deploy/k8s/rbac.yaml).
/// </summary>
public static class KubernetesHosting
{
    /// <summary>Set by Kubernetes in every container of a pod.</summary>
    public const string ServiceHostVariable = "KUBERNETES_SERVICE_HOST";

    public static bool IsWanted(DojoSiloOptions options, IDictionary environment) =>
        options.Profile == DojoProfiles.Cluster && options.Kubernetes.Hosting switch
        {
            DojoKubernetesHostingModes.On => true,
            DojoKubernetesHostingModes.Off => false,
            _ => !string.IsNullOrEmpty(environment[ServiceHostVariable] as string),
        };
}
