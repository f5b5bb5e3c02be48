using TableRecovery.Worker.Cli;

return await WorkerCommandLine.Build().Parse(args).InvokeAsync();
