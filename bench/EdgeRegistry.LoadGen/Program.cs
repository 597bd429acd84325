using EdgeRegistry.LoadGen;

return await LoadGenCommand.Create().Parse(args).InvokeAsync();
