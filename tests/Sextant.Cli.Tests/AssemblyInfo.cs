// The CLI's options are static and shared by every command tree it builds; run one command at a time, as a shell would.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
