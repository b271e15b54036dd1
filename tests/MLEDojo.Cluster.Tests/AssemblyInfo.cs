// The fault test runs a whole multi-process cluster; sharing 2 cores with other tests would only slow both.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
