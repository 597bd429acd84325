using EdgeRegistry.Cli;

return await EdgeRegCommand.Create().Parse(args).InvokeAsync();
