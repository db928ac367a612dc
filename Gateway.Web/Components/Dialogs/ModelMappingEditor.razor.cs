namespace Gateway.Web.Components.Dialogs;

/// <summary>Edits an account's model mapping line by line, each line with its own problems.</summary>
public partial class ModelMappingEditor;
