using System.Text.Json.Nodes;
using YamlDotNet.RepresentationModel;

namespace EnterpriseMcp.Deploy.Tests.Azure;

/// <summary>deploy/azure/azure.yaml and the parameters file agree with the Bicep azd will provision and deploy into.</summary>
public sealed class AzdProjectTests
{
    // azd resolves the paths of azure.yaml from the folder it is in.
    private static readonly string ProjectFolder = RepositoryFolder.PathOf("deploy", "azure");

    private static YamlMappingNode Project()
    {
        var yaml = new YamlStream();
        yaml.Load(new StringReader(File.ReadAllText(Path.Combine(ProjectFolder, "azure.yaml"))));
        return (YamlMappingNode)yaml.Documents[0].RootNode;
    }

    [Fact]
    public void Infrastructure_is_the_bicep_in_deploy_azure()
    {
        var infra = (YamlMappingNode)Project()["infra"];

        Assert.Equal("bicep", infra["provider"].ToString());
        Assert.Equal(ProjectFolder, Path.GetFullPath(Path.Combine(ProjectFolder, infra["path"].ToString())));
        Assert.True(File.Exists(Path.Combine(ProjectFolder, infra["module"] + ".bicep")));
    }

    [Fact]
    public void Every_service_is_a_project_with_a_container_app_tagged_for_it()
    {
        var services = (YamlMappingNode)Project()["services"];
        var tagged = AzureTemplate.AllResources(AzureTemplate.Resources)
            .Select(module => AzureTemplate.Parameter(module, "serviceName"))
            .OfType<JsonValue>()
            .Select(name => (string)name!)
            .ToHashSet();

        Assert.Equal(["db", "gateway", "jira"], services.Children.Keys.Select(key => key.ToString()).Order());
        foreach (var (name, node) in services.Children)
        {
            var service = (YamlMappingNode)node;
            Assert.Equal("containerapp", service["host"].ToString());
            Assert.NotEmpty(Directory.GetFiles(Path.GetFullPath(Path.Combine(ProjectFolder, service["project"].ToString())), "*.csproj"));
            Assert.Contains(name.ToString(), tagged);
        }
    }

    [Fact]
    public void Parameters_file_names_only_template_parameters_and_no_secure_one()
    {
        var file = JsonNode.Parse(File.ReadAllText(RepositoryFolder.PathOf("deploy", "azure", "main.parameters.json")))!;
        var declared = AzureTemplate.Main["parameters"]!.AsObject();

        foreach (var (name, value) in file["parameters"]!.AsObject())
        {
            Assert.True(declared.ContainsKey(name), $"main.parameters.json sets '{name}', which main.bicep does not declare.");
            // A secret is asked by azd and kept out of the repository, never written here.
            Assert.NotEqual("securestring", (string?)declared[name]!["type"]);
            Assert.NotNull(value!["value"]);
        }
    }

    [Fact]
    public void Outputs_give_azd_the_registry_it_pushes_to()
    {
        Assert.NotNull(AzureTemplate.Main["outputs"]!["AZURE_CONTAINER_REGISTRY_ENDPOINT"]);
    }
}
