#if NET
using System.Collections.Immutable;
using System.Reflection.Emit;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

namespace PromoOnly.Tests.Packaging;

/// <summary>
/// Which of an assembly's own types each of its types uses, read from the compiled file rather than
/// the source text, so nothing escapes: a type in the root namespace used without a <c>using</c>, an
/// extension method called as if it were an instance method, a type named only inside a method body.
/// Every place metadata names a type is read: base types, interfaces, generic constraints, the
/// signatures of fields, methods, properties and events, locals, catch clauses, attribute
/// constructors, and every type, method and field token in the method bodies' IL (a <c>typeof</c> in
/// an attribute argument is a name in a blob, and is not read). Nested types (closures, state
/// machines) count as their outermost type; each type's source files come from the portable PDB.
/// </summary>
internal static class TypeReferences
{
    private static readonly Dictionary<short, OperandType> OperandTypes = typeof(OpCodes)
        .GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(op => op.Value, op => op.OperandType);

    private static readonly Guid TypeDefinitionDocuments = new("932E74BC-DBA9-4478-8D46-0F32A7BAB3D3");

    /// <summary>
    /// Every outermost type of the assembly at <paramref name="assemblyPath"/>, with the source files
    /// it was compiled from (from the portable PDB beside it) and the other outermost types it uses.
    /// </summary>
    public static IReadOnlyList<CompiledType> Read(string assemblyPath)
    {
        using var pe = new PEReader(File.OpenRead(assemblyPath));
        using var pdbFile = File.OpenRead(Path.ChangeExtension(assemblyPath, ".pdb"));
        using var pdbProvider = MetadataReaderProvider.FromPortablePdbStream(pdbFile);
        MetadataReader reader = pe.GetMetadataReader();
        MetadataReader pdb = pdbProvider.GetMetadataReader();
        var walker = new Walker(pe, reader);
        var types = new Dictionary<TypeDefinitionHandle, (HashSet<string> Files, HashSet<TypeDefinitionHandle> Uses)>();
        foreach (TypeDefinitionHandle handle in reader.TypeDefinitions)
        {
            TypeDefinitionHandle outermost = walker.Outermost(handle);
            if (!types.TryGetValue(outermost, out var facts))
            {
                types[outermost] = facts = (new HashSet<string>(StringComparer.Ordinal), new HashSet<TypeDefinitionHandle>());
            }

            facts.Files.UnionWith(SourceFiles(reader, pdb, handle));
            facts.Uses.UnionWith(walker.Referenced(handle).Select(walker.Outermost).Where(used => used != outermost));
        }

        return types.Select(t => new CompiledType(
                walker.FullName(t.Key),
                (reader.GetTypeDefinition(t.Key).Attributes & System.Reflection.TypeAttributes.VisibilityMask) == System.Reflection.TypeAttributes.Public,
                t.Value.Files.OrderBy(f => f, StringComparer.Ordinal).ToArray(),
                t.Value.Uses.Select(walker.FullName).OrderBy(n => n, StringComparer.Ordinal).ToArray()))
            .ToArray();
    }

    /// <summary>The files of a type's method bodies, or for a type without any (an enum, an interface) the files the compiler recorded for it.</summary>
    private static IEnumerable<string> SourceFiles(MetadataReader reader, MetadataReader pdb, TypeDefinitionHandle handle)
    {
        var files = new HashSet<string>(StringComparer.Ordinal);
        foreach (MethodDefinitionHandle method in reader.GetTypeDefinition(handle).GetMethods())
        {
            MethodDebugInformation debug = pdb.GetMethodDebugInformation(method);
            if (!debug.Document.IsNil)
            {
                files.Add(pdb.GetString(pdb.GetDocument(debug.Document).Name));
            }

            foreach (SequencePoint point in debug.GetSequencePoints())
            {
                files.Add(pdb.GetString(pdb.GetDocument(point.Document).Name));
            }
        }

        foreach (CustomDebugInformationHandle information in pdb.GetCustomDebugInformation(handle))
        {
            CustomDebugInformation custom = pdb.GetCustomDebugInformation(information);
            if (pdb.GetGuid(custom.Kind) == TypeDefinitionDocuments)
            {
                BlobReader blob = pdb.GetBlobReader(custom.Value);
                while (blob.RemainingBytes > 0)
                {
                    files.Add(pdb.GetString(pdb.GetDocument(MetadataTokens.DocumentHandle(blob.ReadCompressedInteger())).Name));
                }
            }
        }

        return files;
    }

    private sealed class Walker : ISignatureTypeProvider<ImmutableArray<TypeDefinitionHandle>, object?>
    {
        private readonly PEReader _pe;
        private readonly MetadataReader _reader;

        public Walker(PEReader pe, MetadataReader reader)
        {
            _pe = pe;
            _reader = reader;
        }

        public TypeDefinitionHandle Outermost(TypeDefinitionHandle handle)
        {
            while (_reader.GetTypeDefinition(handle).GetDeclaringType() is { IsNil: false } outer)
            {
                handle = outer;
            }

            return handle;
        }

        public string FullName(TypeDefinitionHandle handle)
        {
            TypeDefinition type = _reader.GetTypeDefinition(handle);
            string ns = _reader.GetString(type.Namespace);
            string name = _reader.GetString(type.Name);
            return ns.Length == 0 ? name : ns + "." + name;
        }

        public IEnumerable<TypeDefinitionHandle> Referenced(TypeDefinitionHandle handle)
        {
            TypeDefinition type = _reader.GetTypeDefinition(handle);
            var found = new List<TypeDefinitionHandle>();
            found.AddRange(OfEntity(type.BaseType));
            foreach (InterfaceImplementationHandle implementation in type.GetInterfaceImplementations())
            {
                found.AddRange(OfEntity(_reader.GetInterfaceImplementation(implementation).Interface));
            }

            found.AddRange(OfGenericParameters(type.GetGenericParameters()));
            found.AddRange(OfAttributes(type.GetCustomAttributes()));
            foreach (FieldDefinitionHandle fieldHandle in type.GetFields())
            {
                FieldDefinition field = _reader.GetFieldDefinition(fieldHandle);
                found.AddRange(field.DecodeSignature(this, null));
                found.AddRange(OfAttributes(field.GetCustomAttributes()));
            }

            foreach (PropertyDefinitionHandle propertyHandle in type.GetProperties())
            {
                PropertyDefinition property = _reader.GetPropertyDefinition(propertyHandle);
                MethodSignature<ImmutableArray<TypeDefinitionHandle>> signature = property.DecodeSignature(this, null);
                found.AddRange(signature.ReturnType);
                found.AddRange(signature.ParameterTypes.SelectMany(p => p));
                found.AddRange(OfAttributes(property.GetCustomAttributes()));
            }

            foreach (EventDefinitionHandle eventHandle in type.GetEvents())
            {
                found.AddRange(OfEntity(_reader.GetEventDefinition(eventHandle).Type));
            }

            foreach (MethodDefinitionHandle methodHandle in type.GetMethods())
            {
                found.AddRange(OfMethod(_reader.GetMethodDefinition(methodHandle)));
            }

            return found;
        }

        private IEnumerable<TypeDefinitionHandle> OfMethod(MethodDefinition method)
        {
            MethodSignature<ImmutableArray<TypeDefinitionHandle>> signature = method.DecodeSignature(this, null);
            IEnumerable<TypeDefinitionHandle> found = signature.ReturnType
                .Concat(signature.ParameterTypes.SelectMany(p => p))
                .Concat(OfGenericParameters(method.GetGenericParameters()))
                .Concat(OfAttributes(method.GetCustomAttributes()))
                .Concat(method.GetParameters().SelectMany(p => OfAttributes(_reader.GetParameter(p).GetCustomAttributes())));
            if (method.RelativeVirtualAddress == 0)
            {
                return found;
            }

            MethodBodyBlock body = _pe.GetMethodBody(method.RelativeVirtualAddress);
            if (!body.LocalSignature.IsNil)
            {
                found = found.Concat(_reader.GetStandaloneSignature(body.LocalSignature).DecodeLocalSignature(this, null).SelectMany(l => l));
            }

            return found
                .Concat(body.ExceptionRegions.Where(r => !r.CatchType.IsNil).SelectMany(r => OfEntity(r.CatchType)))
                .Concat(OfInstructions(body.GetILReader()));
        }

        /// <summary>Every type, method, field and signature token an instruction names.</summary>
        private IEnumerable<TypeDefinitionHandle> OfInstructions(BlobReader il)
        {
            var found = new List<TypeDefinitionHandle>();
            while (il.RemainingBytes > 0)
            {
                short code = il.ReadByte();
                if (code == 0xFE)
                {
                    code = unchecked((short)(0xFE00 | il.ReadByte()));
                }

                switch (OperandTypes[code])
                {
                    case OperandType.InlineField:
                    case OperandType.InlineMethod:
                    case OperandType.InlineTok:
                    case OperandType.InlineType:
                    case OperandType.InlineSig:
                        found.AddRange(OfEntity(MetadataTokens.EntityHandle(il.ReadInt32())));
                        break;
                    case OperandType.InlineSwitch:
                        int targets = il.ReadInt32();
                        il.Offset += 4 * targets;
                        break;
                    case OperandType.InlineI8:
                    case OperandType.InlineR:
                        il.Offset += 8;
                        break;
                    case OperandType.InlineBrTarget:
                    case OperandType.InlineI:
                    case OperandType.InlineString:
                    case OperandType.ShortInlineR:
                        il.Offset += 4;
                        break;
                    case OperandType.InlineVar:
                        il.Offset += 2;
                        break;
                    case OperandType.ShortInlineBrTarget:
                    case OperandType.ShortInlineI:
                    case OperandType.ShortInlineVar:
                        il.Offset += 1;
                        break;
                }
            }

            return found;
        }

        private IEnumerable<TypeDefinitionHandle> OfEntity(EntityHandle handle)
        {
            if (handle.IsNil)
            {
                return Array.Empty<TypeDefinitionHandle>();
            }

            switch (handle.Kind)
            {
                case HandleKind.TypeDefinition:
                    return new[] { (TypeDefinitionHandle)handle };
                case HandleKind.TypeSpecification:
                    return _reader.GetTypeSpecification((TypeSpecificationHandle)handle).DecodeSignature(this, null);
                case HandleKind.MethodDefinition:
                    return new[] { _reader.GetMethodDefinition((MethodDefinitionHandle)handle).GetDeclaringType() };
                case HandleKind.FieldDefinition:
                    return new[] { _reader.GetFieldDefinition((FieldDefinitionHandle)handle).GetDeclaringType() };
                case HandleKind.MemberReference:
                    MemberReference member = _reader.GetMemberReference((MemberReferenceHandle)handle);
                    IEnumerable<TypeDefinitionHandle> parent = OfEntity(member.Parent);
                    return member.GetKind() == MemberReferenceKind.Method
                        ? parent.Concat(OfSignature(member.DecodeMethodSignature(this, null)))
                        : parent.Concat(member.DecodeFieldSignature(this, null));
                case HandleKind.MethodSpecification:
                    MethodSpecification specification = _reader.GetMethodSpecification((MethodSpecificationHandle)handle);
                    return OfEntity(specification.Method).Concat(specification.DecodeSignature(this, null).SelectMany(t => t));
                case HandleKind.StandaloneSignature:
                    StandaloneSignature standalone = _reader.GetStandaloneSignature((StandaloneSignatureHandle)handle);
                    return standalone.GetKind() == StandaloneSignatureKind.Method
                        ? OfSignature(standalone.DecodeMethodSignature(this, null))
                        : standalone.DecodeLocalSignature(this, null).SelectMany(t => t);
                default:
                    return Array.Empty<TypeDefinitionHandle>();
            }
        }

        private static IEnumerable<TypeDefinitionHandle> OfSignature(MethodSignature<ImmutableArray<TypeDefinitionHandle>> signature) =>
            signature.ReturnType.Concat(signature.ParameterTypes.SelectMany(p => p));

        private IEnumerable<TypeDefinitionHandle> OfGenericParameters(GenericParameterHandleCollection parameters) =>
            parameters.SelectMany(p => _reader.GetGenericParameter(p).GetConstraints())
                .SelectMany(c => OfEntity(_reader.GetGenericParameterConstraint(c).Type));

        private IEnumerable<TypeDefinitionHandle> OfAttributes(CustomAttributeHandleCollection attributes) =>
            attributes.SelectMany(a => OfEntity(_reader.GetCustomAttribute(a).Constructor));

        public ImmutableArray<TypeDefinitionHandle> GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind) =>
            ImmutableArray.Create(handle);

        public ImmutableArray<TypeDefinitionHandle> GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind) =>
            ImmutableArray<TypeDefinitionHandle>.Empty;

        public ImmutableArray<TypeDefinitionHandle> GetTypeFromSpecification(MetadataReader reader, object? genericContext, TypeSpecificationHandle handle, byte rawTypeKind) =>
            reader.GetTypeSpecification(handle).DecodeSignature(this, genericContext);

        public ImmutableArray<TypeDefinitionHandle> GetPrimitiveType(PrimitiveTypeCode typeCode) => ImmutableArray<TypeDefinitionHandle>.Empty;

        public ImmutableArray<TypeDefinitionHandle> GetSZArrayType(ImmutableArray<TypeDefinitionHandle> elementType) => elementType;

        public ImmutableArray<TypeDefinitionHandle> GetArrayType(ImmutableArray<TypeDefinitionHandle> elementType, ArrayShape shape) => elementType;

        public ImmutableArray<TypeDefinitionHandle> GetByReferenceType(ImmutableArray<TypeDefinitionHandle> elementType) => elementType;

        public ImmutableArray<TypeDefinitionHandle> GetPointerType(ImmutableArray<TypeDefinitionHandle> elementType) => elementType;

        public ImmutableArray<TypeDefinitionHandle> GetPinnedType(ImmutableArray<TypeDefinitionHandle> elementType) => elementType;

        public ImmutableArray<TypeDefinitionHandle> GetGenericInstantiation(ImmutableArray<TypeDefinitionHandle> genericType, ImmutableArray<ImmutableArray<TypeDefinitionHandle>> typeArguments) =>
            genericType.AddRange(typeArguments.SelectMany(a => a));

        public ImmutableArray<TypeDefinitionHandle> GetGenericMethodParameter(object? genericContext, int index) => ImmutableArray<TypeDefinitionHandle>.Empty;

        public ImmutableArray<TypeDefinitionHandle> GetGenericTypeParameter(object? genericContext, int index) => ImmutableArray<TypeDefinitionHandle>.Empty;

        public ImmutableArray<TypeDefinitionHandle> GetFunctionPointerType(MethodSignature<ImmutableArray<TypeDefinitionHandle>> signature) =>
            OfSignature(signature).ToImmutableArray();

        public ImmutableArray<TypeDefinitionHandle> GetModifiedType(ImmutableArray<TypeDefinitionHandle> modifier, ImmutableArray<TypeDefinitionHandle> unmodifiedType, bool isRequired) =>
            modifier.AddRange(unmodifiedType);
    }
}
#endif

