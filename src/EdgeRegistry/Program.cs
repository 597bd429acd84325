using EdgeRegistry.Cli;

return await EdgeRegCommand.Create().Parse(args, EdgeRegCommand.ParserConfiguration).InvokeAsync(EdgeRegCommand.InvocationConfiguration);
