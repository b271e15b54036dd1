using MLEDojo.Hosting.Configuration;

namespace MLEDojo.Gateway.Tests.Infrastructure;

/// <summary>One CPU slot and one (fake) GPU, and a gateway that takes no new episode past one waiting execution per slot or per GPU.</summary>
public sealed class QueuedGridGatewayServer : GatewayServer
{
    protected override void ConfigureSilo(DojoSiloOptions options)
    {
        options.Limits.CpuExecutionSlots = 1;
        options.Devices = new DojoDevicesOptions { Node = "solo", Gpus = "fake:1" };
    }

    protected override void Configure(DojoGatewayOptions options)
    {
        options.MaxQueuedExecutionsPerCpuSlot = 1;
        options.MaxQueuedExecutionsPerGpu = 1;
    }
}
