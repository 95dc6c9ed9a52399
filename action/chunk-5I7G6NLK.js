import { createRequire as __rosterCreateRequire } from 'node:module';
const require = __rosterCreateRequire(import.meta.url);
import {
  visible
} from "./chunk-I2O6WBSQ.js";
import {
  FULL_CAPABILITIES
} from "./chunk-ERPQTAKO.js";
import {
  ProviderError
} from "./chunk-3STYS2ZZ.js";

// src/model/api-limits.ts
var MAX_BATCH_CHANGES = 5e3;

// roster-validators:providers/http/api-validators.js
var state = validate34;
var schema37 = { "enum": ["owner", "admin", "member", "guest", "external-guest"] };
function validate35(data, { instancePath = "", parentData, parentDataProperty, rootData = data, dynamicAnchors = {} } = {}) {
  let vErrors = null;
  let errors = 0;
  const evaluated0 = validate35.evaluated;
  if (evaluated0.dynamicProps) {
    evaluated0.props = void 0;
  }
  if (evaluated0.dynamicItems) {
    evaluated0.items = void 0;
  }
  if (errors === 0) {
    if (data && typeof data == "object" && !Array.isArray(data)) {
      let missing0;
      if (data.name === void 0 && (missing0 = "name") || data.role === void 0 && (missing0 = "role")) {
        validate35.errors = [{ instancePath, schemaPath: "#/required", keyword: "required", params: { missingProperty: missing0 }, message: "must have required property '" + missing0 + "'" }];
        return false;
      } else {
        if (data.name !== void 0) {
          const _errs1 = errors;
          if (typeof data.name !== "string") {
            validate35.errors = [{ instancePath: instancePath + "/name", schemaPath: "#/properties/name/type", keyword: "type", params: { type: "string" }, message: "must be string" }];
            return false;
          }
          var valid0 = _errs1 === errors;
        } else {
          var valid0 = true;
        }
        if (valid0) {
          if (data.role !== void 0) {
            let data1 = data.role;
            const _errs3 = errors;
            if (!(data1 === "owner" || data1 === "admin" || data1 === "member" || data1 === "guest" || data1 === "external-guest")) {
              validate35.errors = [{ instancePath: instancePath + "/role", schemaPath: "https://roster.dev/schemas/changes.schema.json#/$defs/role/enum", keyword: "enum", params: { allowedValues: schema37.enum }, message: "must be equal to one of the allowed values" }];
              return false;
            }
            var valid0 = _errs3 === errors;
          } else {
            var valid0 = true;
          }
          if (valid0) {
            if (data.keyName !== void 0) {
              const _errs5 = errors;
              if (typeof data.keyName !== "string") {
                validate35.errors = [{ instancePath: instancePath + "/keyName", schemaPath: "#/properties/keyName/type", keyword: "type", params: { type: "string" }, message: "must be string" }];
                return false;
              }
              var valid0 = _errs5 === errors;
            } else {
              var valid0 = true;
            }
          }
        }
      }
    } else {
      validate35.errors = [{ instancePath, schemaPath: "#/type", keyword: "type", params: { type: "object" }, message: "must be object" }];
      return false;
    }
  }
  validate35.errors = vErrors;
  return errors === 0;
}
validate35.evaluated = { "props": { "name": true, "role": true, "keyName": true }, "dynamicProps": false, "dynamicItems": false };
var schema101 = { "type": "object", "required": ["workspace", "members", "integrations", "pipes", "grants", "pipeMemberships", "keys"], "properties": { "workspace": { "type": "object", "required": ["name", "plan"], "properties": { "name": { "type": "string" }, "plan": { "enum": ["starter", "business", "enterprise", "unlimited"] } } }, "settings": { "type": "object", "description": "The workspace's pipe settings.", "properties": { "onlyAdminsManagePipeMembers": { "type": "boolean" }, "guestsCanCreatePipes": { "type": "boolean" } } }, "members": { "type": "array", "items": { "type": "object", "required": ["email", "role", "managed"], "properties": { "email": { "type": "string" }, "name": { "type": "string" }, "role": { "$ref": "https://roster.dev/schemas/changes.schema.json#/$defs/role" }, "pending": { "type": "boolean", "description": "Invited and not yet accepted (no billed seat until then); absent once accepted." }, "invitedAt": { "$ref": "urn:roster:workspace-api#/$defs/Timestamp" }, "expires": { "$ref": "urn:roster:workspace-api#/$defs/Date" }, "managed": { "type": "boolean" } } } }, "integrations": { "type": "array", "items": { "type": "object", "required": ["id", "tools", "managed"], "properties": { "id": { "type": "string" }, "name": { "type": "string" }, "tools": { "type": "object", "description": "Tool name to kind.", "additionalProperties": { "$ref": "urn:roster:workspace-api#/$defs/ToolKind" } }, "managed": { "type": "boolean" } } } }, "pipes": { "type": "array", "items": { "type": "object", "required": ["id", "managed"], "properties": { "id": { "type": "string" }, "name": { "type": "string" }, "visibility": { "$ref": "https://roster.dev/schemas/changes.schema.json#/$defs/visibility" }, "managed": { "type": "boolean" } } } }, "grants": { "type": "array", "items": { "$ref": "urn:roster:workspace-api#/$defs/Grant" } }, "pipeMemberships": { "type": "array", "items": { "$ref": "urn:roster:workspace-api#/$defs/PipeMembership" } }, "keys": { "type": "array", "items": { "$ref": "urn:roster:workspace-api#/$defs/Key", "type": "object", "unevaluatedProperties": false } } } };
var schema105 = { "enum": ["read", "write", "delete"] };
var schema52 = { "enum": ["private", "public"], "description": "A private pipe is seen by its members; a public one by every company member too." };
var pattern58 = new RegExp("^[0-9]{4}-[0-9]{2}-[0-9]{2}T", "u");
var pattern7 = new RegExp("^[0-9]{4}-[0-9]{2}-[0-9]{2}$", "u");
var schema59 = { "enum": ["read-only", "no-delete", "full"] };
function validate38(data, { instancePath = "", parentData, parentDataProperty, rootData = data, dynamicAnchors = {} } = {}) {
  let vErrors = null;
  let errors = 0;
  const evaluated0 = validate38.evaluated;
  if (evaluated0.dynamicProps) {
    evaluated0.props = void 0;
  }
  if (evaluated0.dynamicItems) {
    evaluated0.items = void 0;
  }
  if (errors === 0) {
    if (data && typeof data == "object" && !Array.isArray(data)) {
      let missing0;
      if (data.email === void 0 && (missing0 = "email") || data.integration === void 0 && (missing0 = "integration") || data.profile === void 0 && (missing0 = "profile") || data.disabledTools === void 0 && (missing0 = "disabledTools") || data.managed === void 0 && (missing0 = "managed")) {
        validate38.errors = [{ instancePath, schemaPath: "#/required", keyword: "required", params: { missingProperty: missing0 }, message: "must have required property '" + missing0 + "'" }];
        return false;
      } else {
        if (data.email !== void 0) {
          const _errs1 = errors;
          if (typeof data.email !== "string") {
            validate38.errors = [{ instancePath: instancePath + "/email", schemaPath: "#/properties/email/type", keyword: "type", params: { type: "string" }, message: "must be string" }];
            return false;
          }
          var valid0 = _errs1 === errors;
        } else {
          var valid0 = true;
        }
        if (valid0) {
          if (data.integration !== void 0) {
            const _errs3 = errors;
            if (typeof data.integration !== "string") {
              validate38.errors = [{ instancePath: instancePath + "/integration", schemaPath: "#/properties/integration/type", keyword: "type", params: { type: "string" }, message: "must be string" }];
              return false;
            }
            var valid0 = _errs3 === errors;
          } else {
            var valid0 = true;
          }
          if (valid0) {
            if (data.profile !== void 0) {
              let data2 = data.profile;
              const _errs5 = errors;
              if (!(data2 === "read-only" || data2 === "no-delete" || data2 === "full")) {
                validate38.errors = [{ instancePath: instancePath + "/profile", schemaPath: "https://roster.dev/schemas/changes.schema.json#/$defs/profile/enum", keyword: "enum", params: { allowedValues: schema59.enum }, message: "must be equal to one of the allowed values" }];
                return false;
              }
              var valid0 = _errs5 === errors;
            } else {
              var valid0 = true;
            }
            if (valid0) {
              if (data.disabledTools !== void 0) {
                let data3 = data.disabledTools;
                const _errs7 = errors;
                if (errors === _errs7) {
                  if (Array.isArray(data3)) {
                    var valid2 = true;
                    const len0 = data3.length;
                    for (let i0 = 0; i0 < len0; i0++) {
                      const _errs9 = errors;
                      if (typeof data3[i0] !== "string") {
                        validate38.errors = [{ instancePath: instancePath + "/disabledTools/" + i0, schemaPath: "#/properties/disabledTools/items/type", keyword: "type", params: { type: "string" }, message: "must be string" }];
                        return false;
                      }
                      var valid2 = _errs9 === errors;
                      if (!valid2) {
                        break;
                      }
                    }
                  } else {
                    validate38.errors = [{ instancePath: instancePath + "/disabledTools", schemaPath: "#/properties/disabledTools/type", keyword: "type", params: { type: "array" }, message: "must be array" }];
                    return false;
                  }
                }
                var valid0 = _errs7 === errors;
              } else {
                var valid0 = true;
              }
              if (valid0) {
                if (data.expires !== void 0) {
                  let data5 = data.expires;
                  const _errs11 = errors;
                  const _errs12 = errors;
                  if (errors === _errs12) {
                    if (typeof data5 === "string") {
                      if (!pattern7.test(data5)) {
                        validate38.errors = [{ instancePath: instancePath + "/expires", schemaPath: "urn:roster:workspace-api#/$defs/Date/pattern", keyword: "pattern", params: { pattern: "^[0-9]{4}-[0-9]{2}-[0-9]{2}$" }, message: 'must match pattern "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"' }];
                        return false;
                      }
                    } else {
                      validate38.errors = [{ instancePath: instancePath + "/expires", schemaPath: "urn:roster:workspace-api#/$defs/Date/type", keyword: "type", params: { type: "string" }, message: "must be string" }];
                      return false;
                    }
                  }
                  var valid0 = _errs11 === errors;
                } else {
                  var valid0 = true;
                }
                if (valid0) {
                  if (data.managed !== void 0) {
                    const _errs14 = errors;
                    if (typeof data.managed !== "boolean") {
                      validate38.errors = [{ instancePath: instancePath + "/managed", schemaPath: "#/properties/managed/type", keyword: "type", params: { type: "boolean" }, message: "must be boolean" }];
                      return false;
                    }
                    var valid0 = _errs14 === errors;
                  } else {
                    var valid0 = true;
                  }
                }
              }
            }
          }
        }
      }
    } else {
      validate38.errors = [{ instancePath, schemaPath: "#/type", keyword: "type", params: { type: "object" }, message: "must be object" }];
      return false;
    }
  }
  validate38.errors = vErrors;
  return errors === 0;
}
validate38.evaluated = { "props": { "email": true, "integration": true, "profile": true, "disabledTools": true, "expires": true, "managed": true }, "dynamicProps": false, "dynamicItems": false };
var schema67 = { "enum": ["read-only", "restricted-view", "member", "admin"] };
function validate40(data, { instancePath = "", parentData, parentDataProperty, rootData = data, dynamicAnchors = {} } = {}) {
  let vErrors = null;
  let errors = 0;
  const evaluated0 = validate40.evaluated;
  if (evaluated0.dynamicProps) {
    evaluated0.props = void 0;
  }
  if (evaluated0.dynamicItems) {
    evaluated0.items = void 0;
  }
  if (errors === 0) {
    if (data && typeof data == "object" && !Array.isArray(data)) {
      let missing0;
      if (data.pipe === void 0 && (missing0 = "pipe") || data.email === void 0 && (missing0 = "email") || data.level === void 0 && (missing0 = "level") || data.managed === void 0 && (missing0 = "managed")) {
        validate40.errors = [{ instancePath, schemaPath: "#/required", keyword: "required", params: { missingProperty: missing0 }, message: "must have required property '" + missing0 + "'" }];
        return false;
      } else {
        if (data.pipe !== void 0) {
          const _errs1 = errors;
          if (typeof data.pipe !== "string") {
            validate40.errors = [{ instancePath: instancePath + "/pipe", schemaPath: "#/properties/pipe/type", keyword: "type", params: { type: "string" }, message: "must be string" }];
            return false;
          }
          var valid0 = _errs1 === errors;
        } else {
          var valid0 = true;
        }
        if (valid0) {
          if (data.email !== void 0) {
            const _errs3 = errors;
            if (typeof data.email !== "string") {
              validate40.errors = [{ instancePath: instancePath + "/email", schemaPath: "#/properties/email/type", keyword: "type", params: { type: "string" }, message: "must be string" }];
              return false;
            }
            var valid0 = _errs3 === errors;
          } else {
            var valid0 = true;
          }
          if (valid0) {
            if (data.level !== void 0) {
              let data2 = data.level;
              const _errs5 = errors;
              if (!(data2 === "read-only" || data2 === "restricted-view" || data2 === "member" || data2 === "admin")) {
                validate40.errors = [{ instancePath: instancePath + "/level", schemaPath: "https://roster.dev/schemas/changes.schema.json#/$defs/level/enum", keyword: "enum", params: { allowedValues: schema67.enum }, message: "must be equal to one of the allowed values" }];
                return false;
              }
              var valid0 = _errs5 === errors;
            } else {
              var valid0 = true;
            }
            if (valid0) {
              if (data.expires !== void 0) {
                let data3 = data.expires;
                const _errs7 = errors;
                const _errs8 = errors;
                if (errors === _errs8) {
                  if (typeof data3 === "string") {
                    if (!pattern7.test(data3)) {
                      validate40.errors = [{ instancePath: instancePath + "/expires", schemaPath: "urn:roster:workspace-api#/$defs/Date/pattern", keyword: "pattern", params: { pattern: "^[0-9]{4}-[0-9]{2}-[0-9]{2}$" }, message: 'must match pattern "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"' }];
                      return false;
                    }
                  } else {
                    validate40.errors = [{ instancePath: instancePath + "/expires", schemaPath: "urn:roster:workspace-api#/$defs/Date/type", keyword: "type", params: { type: "string" }, message: "must be string" }];
                    return false;
                  }
                }
                var valid0 = _errs7 === errors;
              } else {
                var valid0 = true;
              }
              if (valid0) {
                if (data.managed !== void 0) {
                  const _errs10 = errors;
                  if (typeof data.managed !== "boolean") {
                    validate40.errors = [{ instancePath: instancePath + "/managed", schemaPath: "#/properties/managed/type", keyword: "type", params: { type: "boolean" }, message: "must be boolean" }];
                    return false;
                  }
                  var valid0 = _errs10 === errors;
                } else {
                  var valid0 = true;
                }
              }
            }
          }
        }
      }
    } else {
      validate40.errors = [{ instancePath, schemaPath: "#/type", keyword: "type", params: { type: "object" }, message: "must be object" }];
      return false;
    }
  }
  validate40.errors = vErrors;
  return errors === 0;
}
validate40.evaluated = { "props": { "pipe": true, "email": true, "level": true, "expires": true, "managed": true }, "dynamicProps": false, "dynamicItems": false };
var schema114 = { "enum": ["personal", "workspace"] };
function validate43(data, { instancePath = "", parentData, parentDataProperty, rootData = data, dynamicAnchors = {} } = {}) {
  let vErrors = null;
  let errors = 0;
  const evaluated0 = validate43.evaluated;
  if (evaluated0.dynamicProps) {
    evaluated0.props = void 0;
  }
  if (evaluated0.dynamicItems) {
    evaluated0.items = void 0;
  }
  if (errors === 0) {
    if (Array.isArray(data)) {
      var valid0 = true;
      const len0 = data.length;
      for (let i0 = 0; i0 < len0; i0++) {
        let data0 = data[i0];
        const _errs1 = errors;
        if (errors === _errs1) {
          if (data0 && typeof data0 == "object" && !Array.isArray(data0)) {
            let missing0;
            if (data0.integration === void 0 && (missing0 = "integration") || data0.profile === void 0 && (missing0 = "profile") || data0.disabledTools === void 0 && (missing0 = "disabledTools")) {
              validate43.errors = [{ instancePath: instancePath + "/" + i0, schemaPath: "#/items/required", keyword: "required", params: { missingProperty: missing0 }, message: "must have required property '" + missing0 + "'" }];
              return false;
            } else {
              if (data0.integration !== void 0) {
                const _errs3 = errors;
                if (typeof data0.integration !== "string") {
                  validate43.errors = [{ instancePath: instancePath + "/" + i0 + "/integration", schemaPath: "#/items/properties/integration/type", keyword: "type", params: { type: "string" }, message: "must be string" }];
                  return false;
                }
                var valid1 = _errs3 === errors;
              } else {
                var valid1 = true;
              }
              if (valid1) {
                if (data0.profile !== void 0) {
                  let data2 = data0.profile;
                  const _errs5 = errors;
                  if (!(data2 === "read-only" || data2 === "no-delete" || data2 === "full")) {
                    validate43.errors = [{ instancePath: instancePath + "/" + i0 + "/profile", schemaPath: "https://roster.dev/schemas/changes.schema.json#/$defs/profile/enum", keyword: "enum", params: { allowedValues: schema59.enum }, message: "must be equal to one of the allowed values" }];
                    return false;
                  }
                  var valid1 = _errs5 === errors;
                } else {
                  var valid1 = true;
                }
                if (valid1) {
                  if (data0.disabledTools !== void 0) {
                    let data3 = data0.disabledTools;
                    const _errs7 = errors;
                    if (errors === _errs7) {
                      if (Array.isArray(data3)) {
                        var valid3 = true;
                        const len1 = data3.length;
                        for (let i1 = 0; i1 < len1; i1++) {
                          const _errs9 = errors;
                          if (typeof data3[i1] !== "string") {
                            validate43.errors = [{ instancePath: instancePath + "/" + i0 + "/disabledTools/" + i1, schemaPath: "#/items/properties/disabledTools/items/type", keyword: "type", params: { type: "string" }, message: "must be string" }];
                            return false;
                          }
                          var valid3 = _errs9 === errors;
                          if (!valid3) {
                            break;
                          }
                        }
                      } else {
                        validate43.errors = [{ instancePath: instancePath + "/" + i0 + "/disabledTools", schemaPath: "#/items/properties/disabledTools/type", keyword: "type", params: { type: "array" }, message: "must be array" }];
                        return false;
                      }
                    }
                    var valid1 = _errs7 === errors;
                  } else {
                    var valid1 = true;
                  }
                }
              }
            }
          } else {
            validate43.errors = [{ instancePath: instancePath + "/" + i0, schemaPath: "#/items/type", keyword: "type", params: { type: "object" }, message: "must be object" }];
            return false;
          }
        }
        var valid0 = _errs1 === errors;
        if (!valid0) {
          break;
        }
      }
    } else {
      validate43.errors = [{ instancePath, schemaPath: "#/type", keyword: "type", params: { type: "array" }, message: "must be array" }];
      return false;
    }
  }
  validate43.errors = vErrors;
  return errors === 0;
}
validate43.evaluated = { "items": true, "dynamicProps": false, "dynamicItems": false };
function validate42(data, { instancePath = "", parentData, parentDataProperty, rootData = data, dynamicAnchors = {} } = {}) {
  let vErrors = null;
  let errors = 0;
  const evaluated0 = validate42.evaluated;
  if (evaluated0.dynamicProps) {
    evaluated0.props = void 0;
  }
  if (evaluated0.dynamicItems) {
    evaluated0.items = void 0;
  }
  if (errors === 0) {
    if (data && typeof data == "object" && !Array.isArray(data)) {
      let missing0;
      if (data.name === void 0 && (missing0 = "name") || data.type === void 0 && (missing0 = "type") || data.scope === void 0 && (missing0 = "scope") || data.users === void 0 && (missing0 = "users") || data.managed === void 0 && (missing0 = "managed") || data.createdAt === void 0 && (missing0 = "createdAt") || data.rotatedAt === void 0 && (missing0 = "rotatedAt")) {
        validate42.errors = [{ instancePath, schemaPath: "#/required", keyword: "required", params: { missingProperty: missing0 }, message: "must have required property '" + missing0 + "'" }];
        return false;
      } else {
        if (data.name !== void 0) {
          const _errs1 = errors;
          if (typeof data.name !== "string") {
            validate42.errors = [{ instancePath: instancePath + "/name", schemaPath: "#/properties/name/type", keyword: "type", params: { type: "string" }, message: "must be string" }];
            return false;
          }
          var valid0 = _errs1 === errors;
        } else {
          var valid0 = true;
        }
        if (valid0) {
          if (data.type !== void 0) {
            let data1 = data.type;
            const _errs3 = errors;
            if (!(data1 === "personal" || data1 === "workspace")) {
              validate42.errors = [{ instancePath: instancePath + "/type", schemaPath: "urn:roster:workspace-api#/$defs/KeyType/enum", keyword: "enum", params: { allowedValues: schema114.enum }, message: "must be equal to one of the allowed values" }];
              return false;
            }
            var valid0 = _errs3 === errors;
          } else {
            var valid0 = true;
          }
          if (valid0) {
            if (data.owner !== void 0) {
              const _errs5 = errors;
              if (typeof data.owner !== "string") {
                validate42.errors = [{ instancePath: instancePath + "/owner", schemaPath: "#/properties/owner/type", keyword: "type", params: { type: "string" }, message: "must be string" }];
                return false;
              }
              var valid0 = _errs5 === errors;
            } else {
              var valid0 = true;
            }
            if (valid0) {
              if (data.scope !== void 0) {
                const _errs7 = errors;
                if (!validate43(data.scope, { instancePath: instancePath + "/scope", parentData: data, parentDataProperty: "scope", rootData, dynamicAnchors })) {
                  vErrors = vErrors === null ? validate43.errors : vErrors.concat(validate43.errors);
                  errors = vErrors.length;
                }
                var valid0 = _errs7 === errors;
              } else {
                var valid0 = true;
              }
              if (valid0) {
                if (data.allIntegrations !== void 0) {
                  const _errs8 = errors;
                  if (true !== data.allIntegrations) {
                    validate42.errors = [{ instancePath: instancePath + "/allIntegrations", schemaPath: "#/properties/allIntegrations/const", keyword: "const", params: { allowedValue: true }, message: "must be equal to constant" }];
                    return false;
                  }
                  var valid0 = _errs8 === errors;
                } else {
                  var valid0 = true;
                }
                if (valid0) {
                  if (data.users !== void 0) {
                    let data5 = data.users;
                    const _errs9 = errors;
                    if (errors === _errs9) {
                      if (Array.isArray(data5)) {
                        var valid2 = true;
                        const len0 = data5.length;
                        for (let i0 = 0; i0 < len0; i0++) {
                          const _errs11 = errors;
                          if (typeof data5[i0] !== "string") {
                            validate42.errors = [{ instancePath: instancePath + "/users/" + i0, schemaPath: "#/properties/users/items/type", keyword: "type", params: { type: "string" }, message: "must be string" }];
                            return false;
                          }
                          var valid2 = _errs11 === errors;
                          if (!valid2) {
                            break;
                          }
                        }
                      } else {
                        validate42.errors = [{ instancePath: instancePath + "/users", schemaPath: "#/properties/users/type", keyword: "type", params: { type: "array" }, message: "must be array" }];
                        return false;
                      }
                    }
                    var valid0 = _errs9 === errors;
                  } else {
                    var valid0 = true;
                  }
                  if (valid0) {
                    if (data.expires !== void 0) {
                      let data7 = data.expires;
                      const _errs13 = errors;
                      const _errs14 = errors;
                      if (errors === _errs14) {
                        if (typeof data7 === "string") {
                          if (!pattern7.test(data7)) {
                            validate42.errors = [{ instancePath: instancePath + "/expires", schemaPath: "urn:roster:workspace-api#/$defs/Date/pattern", keyword: "pattern", params: { pattern: "^[0-9]{4}-[0-9]{2}-[0-9]{2}$" }, message: 'must match pattern "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"' }];
                            return false;
                          }
                        } else {
                          validate42.errors = [{ instancePath: instancePath + "/expires", schemaPath: "urn:roster:workspace-api#/$defs/Date/type", keyword: "type", params: { type: "string" }, message: "must be string" }];
                          return false;
                        }
                      }
                      var valid0 = _errs13 === errors;
                    } else {
                      var valid0 = true;
                    }
                    if (valid0) {
                      if (data.managed !== void 0) {
                        const _errs16 = errors;
                        if (typeof data.managed !== "boolean") {
                          validate42.errors = [{ instancePath: instancePath + "/managed", schemaPath: "#/properties/managed/type", keyword: "type", params: { type: "boolean" }, message: "must be boolean" }];
                          return false;
                        }
                        var valid0 = _errs16 === errors;
                      } else {
                        var valid0 = true;
                      }
                      if (valid0) {
                        if (data.createdAt !== void 0) {
                          let data9 = data.createdAt;
                          const _errs18 = errors;
                          const _errs19 = errors;
                          if (errors === _errs19) {
                            if (typeof data9 === "string") {
                              if (!pattern58.test(data9)) {
                                validate42.errors = [{ instancePath: instancePath + "/createdAt", schemaPath: "urn:roster:workspace-api#/$defs/Timestamp/pattern", keyword: "pattern", params: { pattern: "^[0-9]{4}-[0-9]{2}-[0-9]{2}T" }, message: 'must match pattern "^[0-9]{4}-[0-9]{2}-[0-9]{2}T"' }];
                                return false;
                              }
                            } else {
                              validate42.errors = [{ instancePath: instancePath + "/createdAt", schemaPath: "urn:roster:workspace-api#/$defs/Timestamp/type", keyword: "type", params: { type: "string" }, message: "must be string" }];
                              return false;
                            }
                          }
                          var valid0 = _errs18 === errors;
                        } else {
                          var valid0 = true;
                        }
                        if (valid0) {
                          if (data.rotatedAt !== void 0) {
                            let data10 = data.rotatedAt;
                            const _errs21 = errors;
                            const _errs22 = errors;
                            if (errors === _errs22) {
                              if (typeof data10 === "string") {
                                if (!pattern58.test(data10)) {
                                  validate42.errors = [{ instancePath: instancePath + "/rotatedAt", schemaPath: "urn:roster:workspace-api#/$defs/Timestamp/pattern", keyword: "pattern", params: { pattern: "^[0-9]{4}-[0-9]{2}-[0-9]{2}T" }, message: 'must match pattern "^[0-9]{4}-[0-9]{2}-[0-9]{2}T"' }];
                                  return false;
                                }
                              } else {
                                validate42.errors = [{ instancePath: instancePath + "/rotatedAt", schemaPath: "urn:roster:workspace-api#/$defs/Timestamp/type", keyword: "type", params: { type: "string" }, message: "must be string" }];
                                return false;
                              }
                            }
                            var valid0 = _errs21 === errors;
                          } else {
                            var valid0 = true;
                          }
                          if (valid0) {
                            if (data.rotationPending !== void 0) {
                              let data11 = data.rotationPending;
                              const _errs24 = errors;
                              const _errs25 = errors;
                              if (errors === _errs25) {
                                if (typeof data11 === "string") {
                                  if (!pattern58.test(data11)) {
                                    validate42.errors = [{ instancePath: instancePath + "/rotationPending", schemaPath: "urn:roster:workspace-api#/$defs/Timestamp/pattern", keyword: "pattern", params: { pattern: "^[0-9]{4}-[0-9]{2}-[0-9]{2}T" }, message: 'must match pattern "^[0-9]{4}-[0-9]{2}-[0-9]{2}T"' }];
                                    return false;
                                  }
                                } else {
                                  validate42.errors = [{ instancePath: instancePath + "/rotationPending", schemaPath: "urn:roster:workspace-api#/$defs/Timestamp/type", keyword: "type", params: { type: "string" }, message: "must be string" }];
                                  return false;
                                }
                              }
                              var valid0 = _errs24 === errors;
                            } else {
                              var valid0 = true;
                            }
                          }
                        }
                      }
                    }
                  }
                }
              }
            }
          }
        }
      }
    } else {
      validate42.errors = [{ instancePath, schemaPath: "#/type", keyword: "type", params: { type: "object" }, message: "must be object" }];
      return false;
    }
  }
  validate42.errors = vErrors;
  return errors === 0;
}
validate42.evaluated = { "props": { "name": true, "type": true, "owner": true, "scope": true, "allIntegrations": true, "users": true, "expires": true, "managed": true, "createdAt": true, "rotatedAt": true, "rotationPending": true }, "dynamicProps": false, "dynamicItems": false };
function validate37(data, { instancePath = "", parentData, parentDataProperty, rootData = data, dynamicAnchors = {} } = {}) {
  let vErrors = null;
  let errors = 0;
  const evaluated0 = validate37.evaluated;
  if (evaluated0.dynamicProps) {
    evaluated0.props = void 0;
  }
  if (evaluated0.dynamicItems) {
    evaluated0.items = void 0;
  }
  if (errors === 0) {
    if (data && typeof data == "object" && !Array.isArray(data)) {
      let missing0;
      if (data.workspace === void 0 && (missing0 = "workspace") || data.members === void 0 && (missing0 = "members") || data.integrations === void 0 && (missing0 = "integrations") || data.pipes === void 0 && (missing0 = "pipes") || data.grants === void 0 && (missing0 = "grants") || data.pipeMemberships === void 0 && (missing0 = "pipeMemberships") || data.keys === void 0 && (missing0 = "keys")) {
        validate37.errors = [{ instancePath, schemaPath: "#/required", keyword: "required", params: { missingProperty: missing0 }, message: "must have required property '" + missing0 + "'" }];
        return false;
      } else {
        if (data.workspace !== void 0) {
          let data0 = data.workspace;
          const _errs1 = errors;
          if (errors === _errs1) {
            if (data0 && typeof data0 == "object" && !Array.isArray(data0)) {
              let missing1;
              if (data0.name === void 0 && (missing1 = "name") || data0.plan === void 0 && (missing1 = "plan")) {
                validate37.errors = [{ instancePath: instancePath + "/workspace", schemaPath: "#/properties/workspace/required", keyword: "required", params: { missingProperty: missing1 }, message: "must have required property '" + missing1 + "'" }];
                return false;
              } else {
                if (data0.name !== void 0) {
                  const _errs3 = errors;
                  if (typeof data0.name !== "string") {
                    validate37.errors = [{ instancePath: instancePath + "/workspace/name", schemaPath: "#/properties/workspace/properties/name/type", keyword: "type", params: { type: "string" }, message: "must be string" }];
                    return false;
                  }
                  var valid1 = _errs3 === errors;
                } else {
                  var valid1 = true;
                }
                if (valid1) {
                  if (data0.plan !== void 0) {
                    let data2 = data0.plan;
                    const _errs5 = errors;
                    if (!(data2 === "starter" || data2 === "business" || data2 === "enterprise" || data2 === "unlimited")) {
                      validate37.errors = [{ instancePath: instancePath + "/workspace/plan", schemaPath: "#/properties/workspace/properties/plan/enum", keyword: "enum", params: { allowedValues: schema101.properties.workspace.properties.plan.enum }, message: "must be equal to one of the allowed values" }];
                      return false;
                    }
                    var valid1 = _errs5 === errors;
                  } else {
                    var valid1 = true;
                  }
                }
              }
            } else {
              validate37.errors = [{ instancePath: instancePath + "/workspace", schemaPath: "#/properties/workspace/type", keyword: "type", params: { type: "object" }, message: "must be object" }];
              return false;
            }
          }
          var valid0 = _errs1 === errors;
        } else {
          var valid0 = true;
        }
        if (valid0) {
          if (data.settings !== void 0) {
            let data3 = data.settings;
            const _errs6 = errors;
            if (errors === _errs6) {
              if (data3 && typeof data3 == "object" && !Array.isArray(data3)) {
                if (data3.onlyAdminsManagePipeMembers !== void 0) {
                  const _errs8 = errors;
                  if (typeof data3.onlyAdminsManagePipeMembers !== "boolean") {
                    validate37.errors = [{ instancePath: instancePath + "/settings/onlyAdminsManagePipeMembers", schemaPath: "#/properties/settings/properties/onlyAdminsManagePipeMembers/type", keyword: "type", params: { type: "boolean" }, message: "must be boolean" }];
                    return false;
                  }
                  var valid2 = _errs8 === errors;
                } else {
                  var valid2 = true;
                }
                if (valid2) {
                  if (data3.guestsCanCreatePipes !== void 0) {
                    const _errs10 = errors;
                    if (typeof data3.guestsCanCreatePipes !== "boolean") {
                      validate37.errors = [{ instancePath: instancePath + "/settings/guestsCanCreatePipes", schemaPath: "#/properties/settings/properties/guestsCanCreatePipes/type", keyword: "type", params: { type: "boolean" }, message: "must be boolean" }];
                      return false;
                    }
                    var valid2 = _errs10 === errors;
                  } else {
                    var valid2 = true;
                  }
                }
              } else {
                validate37.errors = [{ instancePath: instancePath + "/settings", schemaPath: "#/properties/settings/type", keyword: "type", params: { type: "object" }, message: "must be object" }];
                return false;
              }
            }
            var valid0 = _errs6 === errors;
          } else {
            var valid0 = true;
          }
          if (valid0) {
            if (data.members !== void 0) {
              let data6 = data.members;
              const _errs12 = errors;
              if (errors === _errs12) {
                if (Array.isArray(data6)) {
                  var valid3 = true;
                  const len0 = data6.length;
                  for (let i0 = 0; i0 < len0; i0++) {
                    let data7 = data6[i0];
                    const _errs14 = errors;
                    if (errors === _errs14) {
                      if (data7 && typeof data7 == "object" && !Array.isArray(data7)) {
                        let missing2;
                        if (data7.email === void 0 && (missing2 = "email") || data7.role === void 0 && (missing2 = "role") || data7.managed === void 0 && (missing2 = "managed")) {
                          validate37.errors = [{ instancePath: instancePath + "/members/" + i0, schemaPath: "#/properties/members/items/required", keyword: "required", params: { missingProperty: missing2 }, message: "must have required property '" + missing2 + "'" }];
                          return false;
                        } else {
                          if (data7.email !== void 0) {
                            const _errs16 = errors;
                            if (typeof data7.email !== "string") {
                              validate37.errors = [{ instancePath: instancePath + "/members/" + i0 + "/email", schemaPath: "#/properties/members/items/properties/email/type", keyword: "type", params: { type: "string" }, message: "must be string" }];
                              return false;
                            }
                            var valid4 = _errs16 === errors;
                          } else {
                            var valid4 = true;
                          }
                          if (valid4) {
                            if (data7.name !== void 0) {
                              const _errs18 = errors;
                              if (typeof data7.name !== "string") {
                                validate37.errors = [{ instancePath: instancePath + "/members/" + i0 + "/name", schemaPath: "#/properties/members/items/properties/name/type", keyword: "type", params: { type: "string" }, message: "must be string" }];
                                return false;
                              }
                              var valid4 = _errs18 === errors;
                            } else {
                              var valid4 = true;
                            }
                            if (valid4) {
                              if (data7.role !== void 0) {
                                let data10 = data7.role;
                                const _errs20 = errors;
                                if (!(data10 === "owner" || data10 === "admin" || data10 === "member" || data10 === "guest" || data10 === "external-guest")) {
                                  validate37.errors = [{ instancePath: instancePath + "/members/" + i0 + "/role", schemaPath: "https://roster.dev/schemas/changes.schema.json#/$defs/role/enum", keyword: "enum", params: { allowedValues: schema37.enum }, message: "must be equal to one of the allowed values" }];
                                  return false;
                                }
                                var valid4 = _errs20 === errors;
                              } else {
                                var valid4 = true;
                              }
                              if (valid4) {
                                if (data7.pending !== void 0) {
                                  const _errs22 = errors;
                                  if (typeof data7.pending !== "boolean") {
                                    validate37.errors = [{ instancePath: instancePath + "/members/" + i0 + "/pending", schemaPath: "#/properties/members/items/properties/pending/type", keyword: "type", params: { type: "boolean" }, message: "must be boolean" }];
                                    return false;
                                  }
                                  var valid4 = _errs22 === errors;
                                } else {
                                  var valid4 = true;
                                }
                                if (valid4) {
                                  if (data7.invitedAt !== void 0) {
                                    let data12 = data7.invitedAt;
                                    const _errs24 = errors;
                                    const _errs25 = errors;
                                    if (errors === _errs25) {
                                      if (typeof data12 === "string") {
                                        if (!pattern58.test(data12)) {
                                          validate37.errors = [{ instancePath: instancePath + "/members/" + i0 + "/invitedAt", schemaPath: "urn:roster:workspace-api#/$defs/Timestamp/pattern", keyword: "pattern", params: { pattern: "^[0-9]{4}-[0-9]{2}-[0-9]{2}T" }, message: 'must match pattern "^[0-9]{4}-[0-9]{2}-[0-9]{2}T"' }];
                                          return false;
                                        }
                                      } else {
                                        validate37.errors = [{ instancePath: instancePath + "/members/" + i0 + "/invitedAt", schemaPath: "urn:roster:workspace-api#/$defs/Timestamp/type", keyword: "type", params: { type: "string" }, message: "must be string" }];
                                        return false;
                                      }
                                    }
                                    var valid4 = _errs24 === errors;
                                  } else {
                                    var valid4 = true;
                                  }
                                  if (valid4) {
                                    if (data7.expires !== void 0) {
                                      let data13 = data7.expires;
                                      const _errs27 = errors;
                                      const _errs28 = errors;
                                      if (errors === _errs28) {
                                        if (typeof data13 === "string") {
                                          if (!pattern7.test(data13)) {
                                            validate37.errors = [{ instancePath: instancePath + "/members/" + i0 + "/expires", schemaPath: "urn:roster:workspace-api#/$defs/Date/pattern", keyword: "pattern", params: { pattern: "^[0-9]{4}-[0-9]{2}-[0-9]{2}$" }, message: 'must match pattern "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"' }];
                                            return false;
                                          }
                                        } else {
                                          validate37.errors = [{ instancePath: instancePath + "/members/" + i0 + "/expires", schemaPath: "urn:roster:workspace-api#/$defs/Date/type", keyword: "type", params: { type: "string" }, message: "must be string" }];
                                          return false;
                                        }
                                      }
                                      var valid4 = _errs27 === errors;
                                    } else {
                                      var valid4 = true;
                                    }
                                    if (valid4) {
                                      if (data7.managed !== void 0) {
                                        const _errs30 = errors;
                                        if (typeof data7.managed !== "boolean") {
                                          validate37.errors = [{ instancePath: instancePath + "/members/" + i0 + "/managed", schemaPath: "#/properties/members/items/properties/managed/type", keyword: "type", params: { type: "boolean" }, message: "must be boolean" }];
                                          return false;
                                        }
                                        var valid4 = _errs30 === errors;
                                      } else {
                                        var valid4 = true;
                                      }
                                    }
                                  }
                                }
                              }
                            }
                          }
                        }
                      } else {
                        validate37.errors = [{ instancePath: instancePath + "/members/" + i0, schemaPath: "#/properties/members/items/type", keyword: "type", params: { type: "object" }, message: "must be object" }];
                        return false;
                      }
                    }
                    var valid3 = _errs14 === errors;
                    if (!valid3) {
                      break;
                    }
                  }
                } else {
                  validate37.errors = [{ instancePath: instancePath + "/members", schemaPath: "#/properties/members/type", keyword: "type", params: { type: "array" }, message: "must be array" }];
                  return false;
                }
              }
              var valid0 = _errs12 === errors;
            } else {
              var valid0 = true;
            }
            if (valid0) {
              if (data.integrations !== void 0) {
                let data15 = data.integrations;
                const _errs32 = errors;
                if (errors === _errs32) {
                  if (Array.isArray(data15)) {
                    var valid8 = true;
                    const len1 = data15.length;
                    for (let i1 = 0; i1 < len1; i1++) {
                      let data16 = data15[i1];
                      const _errs34 = errors;
                      if (errors === _errs34) {
                        if (data16 && typeof data16 == "object" && !Array.isArray(data16)) {
                          let missing3;
                          if (data16.id === void 0 && (missing3 = "id") || data16.tools === void 0 && (missing3 = "tools") || data16.managed === void 0 && (missing3 = "managed")) {
                            validate37.errors = [{ instancePath: instancePath + "/integrations/" + i1, schemaPath: "#/properties/integrations/items/required", keyword: "required", params: { missingProperty: missing3 }, message: "must have required property '" + missing3 + "'" }];
                            return false;
                          } else {
                            if (data16.id !== void 0) {
                              const _errs36 = errors;
                              if (typeof data16.id !== "string") {
                                validate37.errors = [{ instancePath: instancePath + "/integrations/" + i1 + "/id", schemaPath: "#/properties/integrations/items/properties/id/type", keyword: "type", params: { type: "string" }, message: "must be string" }];
                                return false;
                              }
                              var valid9 = _errs36 === errors;
                            } else {
                              var valid9 = true;
                            }
                            if (valid9) {
                              if (data16.name !== void 0) {
                                const _errs38 = errors;
                                if (typeof data16.name !== "string") {
                                  validate37.errors = [{ instancePath: instancePath + "/integrations/" + i1 + "/name", schemaPath: "#/properties/integrations/items/properties/name/type", keyword: "type", params: { type: "string" }, message: "must be string" }];
                                  return false;
                                }
                                var valid9 = _errs38 === errors;
                              } else {
                                var valid9 = true;
                              }
                              if (valid9) {
                                if (data16.tools !== void 0) {
                                  let data19 = data16.tools;
                                  const _errs40 = errors;
                                  if (errors === _errs40) {
                                    if (data19 && typeof data19 == "object" && !Array.isArray(data19)) {
                                      for (const key0 in data19) {
                                        let data20 = data19[key0];
                                        const _errs43 = errors;
                                        if (!(data20 === "read" || data20 === "write" || data20 === "delete")) {
                                          validate37.errors = [{ instancePath: instancePath + "/integrations/" + i1 + "/tools/" + key0.replace(/~/g, "~0").replace(/\//g, "~1"), schemaPath: "urn:roster:workspace-api#/$defs/ToolKind/enum", keyword: "enum", params: { allowedValues: schema105.enum }, message: "must be equal to one of the allowed values" }];
                                          return false;
                                        }
                                        var valid10 = _errs43 === errors;
                                        if (!valid10) {
                                          break;
                                        }
                                      }
                                    } else {
                                      validate37.errors = [{ instancePath: instancePath + "/integrations/" + i1 + "/tools", schemaPath: "#/properties/integrations/items/properties/tools/type", keyword: "type", params: { type: "object" }, message: "must be object" }];
                                      return false;
                                    }
                                  }
                                  var valid9 = _errs40 === errors;
                                } else {
                                  var valid9 = true;
                                }
                                if (valid9) {
                                  if (data16.managed !== void 0) {
                                    const _errs45 = errors;
                                    if (typeof data16.managed !== "boolean") {
                                      validate37.errors = [{ instancePath: instancePath + "/integrations/" + i1 + "/managed", schemaPath: "#/properties/integrations/items/properties/managed/type", keyword: "type", params: { type: "boolean" }, message: "must be boolean" }];
                                      return false;
                                    }
                                    var valid9 = _errs45 === errors;
                                  } else {
                                    var valid9 = true;
                                  }
                                }
                              }
                            }
                          }
                        } else {
                          validate37.errors = [{ instancePath: instancePath + "/integrations/" + i1, schemaPath: "#/properties/integrations/items/type", keyword: "type", params: { type: "object" }, message: "must be object" }];
                          return false;
                        }
                      }
                      var valid8 = _errs34 === errors;
                      if (!valid8) {
                        break;
                      }
                    }
                  } else {
                    validate37.errors = [{ instancePath: instancePath + "/integrations", schemaPath: "#/properties/integrations/type", keyword: "type", params: { type: "array" }, message: "must be array" }];
                    return false;
                  }
                }
                var valid0 = _errs32 === errors;
              } else {
                var valid0 = true;
              }
              if (valid0) {
                if (data.pipes !== void 0) {
                  let data22 = data.pipes;
                  const _errs47 = errors;
                  if (errors === _errs47) {
                    if (Array.isArray(data22)) {
                      var valid12 = true;
                      const len2 = data22.length;
                      for (let i2 = 0; i2 < len2; i2++) {
                        let data23 = data22[i2];
                        const _errs49 = errors;
                        if (errors === _errs49) {
                          if (data23 && typeof data23 == "object" && !Array.isArray(data23)) {
                            let missing4;
                            if (data23.id === void 0 && (missing4 = "id") || data23.managed === void 0 && (missing4 = "managed")) {
                              validate37.errors = [{ instancePath: instancePath + "/pipes/" + i2, schemaPath: "#/properties/pipes/items/required", keyword: "required", params: { missingProperty: missing4 }, message: "must have required property '" + missing4 + "'" }];
                              return false;
                            } else {
                              if (data23.id !== void 0) {
                                const _errs51 = errors;
                                if (typeof data23.id !== "string") {
                                  validate37.errors = [{ instancePath: instancePath + "/pipes/" + i2 + "/id", schemaPath: "#/properties/pipes/items/properties/id/type", keyword: "type", params: { type: "string" }, message: "must be string" }];
                                  return false;
                                }
                                var valid13 = _errs51 === errors;
                              } else {
                                var valid13 = true;
                              }
                              if (valid13) {
                                if (data23.name !== void 0) {
                                  const _errs53 = errors;
                                  if (typeof data23.name !== "string") {
                                    validate37.errors = [{ instancePath: instancePath + "/pipes/" + i2 + "/name", schemaPath: "#/properties/pipes/items/properties/name/type", keyword: "type", params: { type: "string" }, message: "must be string" }];
                                    return false;
                                  }
                                  var valid13 = _errs53 === errors;
                                } else {
                                  var valid13 = true;
                                }
                                if (valid13) {
                                  if (data23.visibility !== void 0) {
                                    let data26 = data23.visibility;
                                    const _errs55 = errors;
                                    if (!(data26 === "private" || data26 === "public")) {
                                      validate37.errors = [{ instancePath: instancePath + "/pipes/" + i2 + "/visibility", schemaPath: "https://roster.dev/schemas/changes.schema.json#/$defs/visibility/enum", keyword: "enum", params: { allowedValues: schema52.enum }, message: "must be equal to one of the allowed values" }];
                                      return false;
                                    }
                                    var valid13 = _errs55 === errors;
                                  } else {
                                    var valid13 = true;
                                  }
                                  if (valid13) {
                                    if (data23.managed !== void 0) {
                                      const _errs57 = errors;
                                      if (typeof data23.managed !== "boolean") {
                                        validate37.errors = [{ instancePath: instancePath + "/pipes/" + i2 + "/managed", schemaPath: "#/properties/pipes/items/properties/managed/type", keyword: "type", params: { type: "boolean" }, message: "must be boolean" }];
                                        return false;
                                      }
                                      var valid13 = _errs57 === errors;
                                    } else {
                                      var valid13 = true;
                                    }
                                  }
                                }
                              }
                            }
                          } else {
                            validate37.errors = [{ instancePath: instancePath + "/pipes/" + i2, schemaPath: "#/properties/pipes/items/type", keyword: "type", params: { type: "object" }, message: "must be object" }];
                            return false;
                          }
                        }
                        var valid12 = _errs49 === errors;
                        if (!valid12) {
                          break;
                        }
                      }
                    } else {
                      validate37.errors = [{ instancePath: instancePath + "/pipes", schemaPath: "#/properties/pipes/type", keyword: "type", params: { type: "array" }, message: "must be array" }];
                      return false;
                    }
                  }
                  var valid0 = _errs47 === errors;
                } else {
                  var valid0 = true;
                }
                if (valid0) {
                  if (data.grants !== void 0) {
                    let data28 = data.grants;
                    const _errs59 = errors;
                    if (errors === _errs59) {
                      if (Array.isArray(data28)) {
                        var valid15 = true;
                        const len3 = data28.length;
                        for (let i3 = 0; i3 < len3; i3++) {
                          const _errs61 = errors;
                          if (!validate38(data28[i3], { instancePath: instancePath + "/grants/" + i3, parentData: data28, parentDataProperty: i3, rootData, dynamicAnchors })) {
                            vErrors = vErrors === null ? validate38.errors : vErrors.concat(validate38.errors);
                            errors = vErrors.length;
                          }
                          var valid15 = _errs61 === errors;
                          if (!valid15) {
                            break;
                          }
                        }
                      } else {
                        validate37.errors = [{ instancePath: instancePath + "/grants", schemaPath: "#/properties/grants/type", keyword: "type", params: { type: "array" }, message: "must be array" }];
                        return false;
                      }
                    }
                    var valid0 = _errs59 === errors;
                  } else {
                    var valid0 = true;
                  }
                  if (valid0) {
                    if (data.pipeMemberships !== void 0) {
                      let data30 = data.pipeMemberships;
                      const _errs62 = errors;
                      if (errors === _errs62) {
                        if (Array.isArray(data30)) {
                          var valid16 = true;
                          const len4 = data30.length;
                          for (let i4 = 0; i4 < len4; i4++) {
                            const _errs64 = errors;
                            if (!validate40(data30[i4], { instancePath: instancePath + "/pipeMemberships/" + i4, parentData: data30, parentDataProperty: i4, rootData, dynamicAnchors })) {
                              vErrors = vErrors === null ? validate40.errors : vErrors.concat(validate40.errors);
                              errors = vErrors.length;
                            }
                            var valid16 = _errs64 === errors;
                            if (!valid16) {
                              break;
                            }
                          }
                        } else {
                          validate37.errors = [{ instancePath: instancePath + "/pipeMemberships", schemaPath: "#/properties/pipeMemberships/type", keyword: "type", params: { type: "array" }, message: "must be array" }];
                          return false;
                        }
                      }
                      var valid0 = _errs62 === errors;
                    } else {
                      var valid0 = true;
                    }
                    if (valid0) {
                      if (data.keys !== void 0) {
                        let data32 = data.keys;
                        const _errs65 = errors;
                        if (errors === _errs65) {
                          if (Array.isArray(data32)) {
                            var valid17 = true;
                            const len5 = data32.length;
                            for (let i5 = 0; i5 < len5; i5++) {
                              let data33 = data32[i5];
                              const _errs67 = errors;
                              if (!validate42(data33, { instancePath: instancePath + "/keys/" + i5, parentData: data32, parentDataProperty: i5, rootData, dynamicAnchors })) {
                                vErrors = vErrors === null ? validate42.errors : vErrors.concat(validate42.errors);
                                errors = vErrors.length;
                              }
                              if (errors === _errs67) {
                                if (data33 && typeof data33 == "object" && !Array.isArray(data33)) {
                                  for (const key1 in data33) {
                                    if (key1 !== "name" && key1 !== "type" && key1 !== "owner" && key1 !== "scope" && key1 !== "allIntegrations" && key1 !== "users" && key1 !== "expires" && key1 !== "managed" && key1 !== "createdAt" && key1 !== "rotatedAt" && key1 !== "rotationPending") {
                                      validate37.errors = [{ instancePath: instancePath + "/keys/" + i5, schemaPath: "#/properties/keys/items/unevaluatedProperties", keyword: "unevaluatedProperties", params: { unevaluatedProperty: key1 }, message: "must NOT have unevaluated properties" }];
                                      return false;
                                      break;
                                    }
                                  }
                                } else {
                                  validate37.errors = [{ instancePath: instancePath + "/keys/" + i5, schemaPath: "#/properties/keys/items/type", keyword: "type", params: { type: "object" }, message: "must be object" }];
                                  return false;
                                }
                              }
                              var valid17 = _errs67 === errors;
                              if (!valid17) {
                                break;
                              }
                            }
                          } else {
                            validate37.errors = [{ instancePath: instancePath + "/keys", schemaPath: "#/properties/keys/type", keyword: "type", params: { type: "array" }, message: "must be array" }];
                            return false;
                          }
                        }
                        var valid0 = _errs65 === errors;
                      } else {
                        var valid0 = true;
                      }
                    }
                  }
                }
              }
            }
          }
        }
      }
    } else {
      validate37.errors = [{ instancePath, schemaPath: "#/type", keyword: "type", params: { type: "object" }, message: "must be object" }];
      return false;
    }
  }
  validate37.errors = vErrors;
  return errors === 0;
}
validate37.evaluated = { "props": { "workspace": true, "settings": true, "members": true, "integrations": true, "pipes": true, "grants": true, "pipeMemberships": true, "keys": true }, "dynamicProps": false, "dynamicItems": false };
function validate34(data, { instancePath = "", parentData, parentDataProperty, rootData = data, dynamicAnchors = {} } = {}) {
  let vErrors = null;
  let errors = 0;
  const evaluated0 = validate34.evaluated;
  if (evaluated0.dynamicProps) {
    evaluated0.props = void 0;
  }
  if (evaluated0.dynamicItems) {
    evaluated0.items = void 0;
  }
  if (errors === 0) {
    if (data && typeof data == "object" && !Array.isArray(data)) {
      let missing0;
      if (data.version === void 0 && (missing0 = "version") || data.caller === void 0 && (missing0 = "caller") || data.state === void 0 && (missing0 = "state")) {
        validate34.errors = [{ instancePath, schemaPath: "#/required", keyword: "required", params: { missingProperty: missing0 }, message: "must have required property '" + missing0 + "'" }];
        return false;
      } else {
        if (data.version !== void 0) {
          let data0 = data.version;
          const _errs1 = errors;
          if (!(typeof data0 == "number" && (!(data0 % 1) && !isNaN(data0)) && isFinite(data0))) {
            validate34.errors = [{ instancePath: instancePath + "/version", schemaPath: "#/properties/version/type", keyword: "type", params: { type: "integer" }, message: "must be integer" }];
            return false;
          }
          if (errors === _errs1) {
            if (typeof data0 == "number" && isFinite(data0)) {
              if (data0 < 0 || isNaN(data0)) {
                validate34.errors = [{ instancePath: instancePath + "/version", schemaPath: "#/properties/version/minimum", keyword: "minimum", params: { comparison: ">=", limit: 0 }, message: "must be >= 0" }];
                return false;
              }
            }
          }
          var valid0 = _errs1 === errors;
        } else {
          var valid0 = true;
        }
        if (valid0) {
          if (data.caller !== void 0) {
            const _errs3 = errors;
            if (!validate35(data.caller, { instancePath: instancePath + "/caller", parentData: data, parentDataProperty: "caller", rootData, dynamicAnchors })) {
              vErrors = vErrors === null ? validate35.errors : vErrors.concat(validate35.errors);
              errors = vErrors.length;
            }
            var valid0 = _errs3 === errors;
          } else {
            var valid0 = true;
          }
          if (valid0) {
            if (data.state !== void 0) {
              const _errs4 = errors;
              if (!validate37(data.state, { instancePath: instancePath + "/state", parentData: data, parentDataProperty: "state", rootData, dynamicAnchors })) {
                vErrors = vErrors === null ? validate37.errors : vErrors.concat(validate37.errors);
                errors = vErrors.length;
              }
              var valid0 = _errs4 === errors;
            } else {
              var valid0 = true;
            }
          }
        }
      }
    } else {
      validate34.errors = [{ instancePath, schemaPath: "#/type", keyword: "type", params: { type: "object" }, message: "must be object" }];
      return false;
    }
  }
  validate34.errors = vErrors;
  return errors === 0;
}
validate34.evaluated = { "props": { "version": true, "caller": true, "state": true }, "dynamicProps": false, "dynamicItems": false };
var batchResult = validate47;
function validate47(data, { instancePath = "", parentData, parentDataProperty, rootData = data, dynamicAnchors = {} } = {}) {
  let vErrors = null;
  let errors = 0;
  const evaluated0 = validate47.evaluated;
  if (evaluated0.dynamicProps) {
    evaluated0.props = void 0;
  }
  if (evaluated0.dynamicItems) {
    evaluated0.items = void 0;
  }
  if (errors === 0) {
    if (data && typeof data == "object" && !Array.isArray(data)) {
      let missing0;
      if (data.version === void 0 && (missing0 = "version") || data.applied === void 0 && (missing0 = "applied") || data.secrets === void 0 && (missing0 = "secrets")) {
        validate47.errors = [{ instancePath, schemaPath: "#/required", keyword: "required", params: { missingProperty: missing0 }, message: "must have required property '" + missing0 + "'" }];
        return false;
      } else {
        if (data.version !== void 0) {
          let data0 = data.version;
          const _errs1 = errors;
          if (!(typeof data0 == "number" && (!(data0 % 1) && !isNaN(data0)) && isFinite(data0))) {
            validate47.errors = [{ instancePath: instancePath + "/version", schemaPath: "#/properties/version/type", keyword: "type", params: { type: "integer" }, message: "must be integer" }];
            return false;
          }
          var valid0 = _errs1 === errors;
        } else {
          var valid0 = true;
        }
        if (valid0) {
          if (data.applied !== void 0) {
            let data1 = data.applied;
            const _errs3 = errors;
            if (!(typeof data1 == "number" && (!(data1 % 1) && !isNaN(data1)) && isFinite(data1))) {
              validate47.errors = [{ instancePath: instancePath + "/applied", schemaPath: "#/properties/applied/type", keyword: "type", params: { type: "integer" }, message: "must be integer" }];
              return false;
            }
            if (errors === _errs3) {
              if (typeof data1 == "number" && isFinite(data1)) {
                if (data1 < 0 || isNaN(data1)) {
                  validate47.errors = [{ instancePath: instancePath + "/applied", schemaPath: "#/properties/applied/minimum", keyword: "minimum", params: { comparison: ">=", limit: 0 }, message: "must be >= 0" }];
                  return false;
                }
              }
            }
            var valid0 = _errs3 === errors;
          } else {
            var valid0 = true;
          }
          if (valid0) {
            if (data.secrets !== void 0) {
              let data2 = data.secrets;
              const _errs5 = errors;
              if (errors === _errs5) {
                if (data2 && typeof data2 == "object" && !Array.isArray(data2)) {
                  for (const key0 in data2) {
                    const _errs8 = errors;
                    if (typeof data2[key0] !== "string") {
                      validate47.errors = [{ instancePath: instancePath + "/secrets/" + key0.replace(/~/g, "~0").replace(/\//g, "~1"), schemaPath: "#/properties/secrets/additionalProperties/type", keyword: "type", params: { type: "string" }, message: "must be string" }];
                      return false;
                    }
                    var valid1 = _errs8 === errors;
                    if (!valid1) {
                      break;
                    }
                  }
                } else {
                  validate47.errors = [{ instancePath: instancePath + "/secrets", schemaPath: "#/properties/secrets/type", keyword: "type", params: { type: "object" }, message: "must be object" }];
                  return false;
                }
              }
              var valid0 = _errs5 === errors;
            } else {
              var valid0 = true;
            }
            if (valid0) {
              if (data.replayed !== void 0) {
                const _errs10 = errors;
                if (typeof data.replayed !== "boolean") {
                  validate47.errors = [{ instancePath: instancePath + "/replayed", schemaPath: "#/properties/replayed/type", keyword: "type", params: { type: "boolean" }, message: "must be boolean" }];
                  return false;
                }
                var valid0 = _errs10 === errors;
              } else {
                var valid0 = true;
              }
            }
          }
        }
      }
    } else {
      validate47.errors = [{ instancePath, schemaPath: "#/type", keyword: "type", params: { type: "object" }, message: "must be object" }];
      return false;
    }
  }
  validate47.errors = vErrors;
  return errors === 0;
}
validate47.evaluated = { "props": { "version": true, "applied": true, "secrets": true, "replayed": true }, "dynamicProps": false, "dynamicItems": false };
var auditPage = validate48;
function validate49(data, { instancePath = "", parentData, parentDataProperty, rootData = data, dynamicAnchors = {} } = {}) {
  let vErrors = null;
  let errors = 0;
  const evaluated0 = validate49.evaluated;
  if (evaluated0.dynamicProps) {
    evaluated0.props = void 0;
  }
  if (evaluated0.dynamicItems) {
    evaluated0.items = void 0;
  }
  if (errors === 0) {
    if (data && typeof data == "object" && !Array.isArray(data)) {
      let missing0;
      if (data.id === void 0 && (missing0 = "id") || data.at === void 0 && (missing0 = "at") || data.actor === void 0 && (missing0 = "actor") || data.action === void 0 && (missing0 = "action") || data.detail === void 0 && (missing0 = "detail") || data.stateVersion === void 0 && (missing0 = "stateVersion")) {
        validate49.errors = [{ instancePath, schemaPath: "#/required", keyword: "required", params: { missingProperty: missing0 }, message: "must have required property '" + missing0 + "'" }];
        return false;
      } else {
        if (data.id !== void 0) {
          let data0 = data.id;
          const _errs1 = errors;
          if (!(typeof data0 == "number" && (!(data0 % 1) && !isNaN(data0)) && isFinite(data0))) {
            validate49.errors = [{ instancePath: instancePath + "/id", schemaPath: "#/properties/id/type", keyword: "type", params: { type: "integer" }, message: "must be integer" }];
            return false;
          }
          var valid0 = _errs1 === errors;
        } else {
          var valid0 = true;
        }
        if (valid0) {
          if (data.at !== void 0) {
            let data1 = data.at;
            const _errs3 = errors;
            const _errs4 = errors;
            if (errors === _errs4) {
              if (typeof data1 === "string") {
                if (!pattern58.test(data1)) {
                  validate49.errors = [{ instancePath: instancePath + "/at", schemaPath: "urn:roster:workspace-api#/$defs/Timestamp/pattern", keyword: "pattern", params: { pattern: "^[0-9]{4}-[0-9]{2}-[0-9]{2}T" }, message: 'must match pattern "^[0-9]{4}-[0-9]{2}-[0-9]{2}T"' }];
                  return false;
                }
              } else {
                validate49.errors = [{ instancePath: instancePath + "/at", schemaPath: "urn:roster:workspace-api#/$defs/Timestamp/type", keyword: "type", params: { type: "string" }, message: "must be string" }];
                return false;
              }
            }
            var valid0 = _errs3 === errors;
          } else {
            var valid0 = true;
          }
          if (valid0) {
            if (data.actor !== void 0) {
              const _errs6 = errors;
              if (typeof data.actor !== "string") {
                validate49.errors = [{ instancePath: instancePath + "/actor", schemaPath: "#/properties/actor/type", keyword: "type", params: { type: "string" }, message: "must be string" }];
                return false;
              }
              var valid0 = _errs6 === errors;
            } else {
              var valid0 = true;
            }
            if (valid0) {
              if (data.actorRole !== void 0) {
                const _errs8 = errors;
                if (typeof data.actorRole !== "string") {
                  validate49.errors = [{ instancePath: instancePath + "/actorRole", schemaPath: "#/properties/actorRole/type", keyword: "type", params: { type: "string" }, message: "must be string" }];
                  return false;
                }
                var valid0 = _errs8 === errors;
              } else {
                var valid0 = true;
              }
              if (valid0) {
                if (data.keyName !== void 0) {
                  const _errs10 = errors;
                  if (typeof data.keyName !== "string") {
                    validate49.errors = [{ instancePath: instancePath + "/keyName", schemaPath: "#/properties/keyName/type", keyword: "type", params: { type: "string" }, message: "must be string" }];
                    return false;
                  }
                  var valid0 = _errs10 === errors;
                } else {
                  var valid0 = true;
                }
                if (valid0) {
                  if (data.action !== void 0) {
                    const _errs12 = errors;
                    if (typeof data.action !== "string") {
                      validate49.errors = [{ instancePath: instancePath + "/action", schemaPath: "#/properties/action/type", keyword: "type", params: { type: "string" }, message: "must be string" }];
                      return false;
                    }
                    var valid0 = _errs12 === errors;
                  } else {
                    var valid0 = true;
                  }
                  if (valid0) {
                    if (data.subject !== void 0) {
                      const _errs14 = errors;
                      if (typeof data.subject !== "string") {
                        validate49.errors = [{ instancePath: instancePath + "/subject", schemaPath: "#/properties/subject/type", keyword: "type", params: { type: "string" }, message: "must be string" }];
                        return false;
                      }
                      var valid0 = _errs14 === errors;
                    } else {
                      var valid0 = true;
                    }
                    if (valid0) {
                      if (data.commit !== void 0) {
                        const _errs16 = errors;
                        if (typeof data.commit !== "string") {
                          validate49.errors = [{ instancePath: instancePath + "/commit", schemaPath: "#/properties/commit/type", keyword: "type", params: { type: "string" }, message: "must be string" }];
                          return false;
                        }
                        var valid0 = _errs16 === errors;
                      } else {
                        var valid0 = true;
                      }
                      if (valid0) {
                        if (data.pullRequest !== void 0) {
                          let data8 = data.pullRequest;
                          const _errs18 = errors;
                          if (!(typeof data8 == "number" && (!(data8 % 1) && !isNaN(data8)) && isFinite(data8))) {
                            validate49.errors = [{ instancePath: instancePath + "/pullRequest", schemaPath: "#/properties/pullRequest/type", keyword: "type", params: { type: "integer" }, message: "must be integer" }];
                            return false;
                          }
                          var valid0 = _errs18 === errors;
                        } else {
                          var valid0 = true;
                        }
                        if (valid0) {
                          if (data.approvers !== void 0) {
                            let data9 = data.approvers;
                            const _errs20 = errors;
                            if (errors === _errs20) {
                              if (Array.isArray(data9)) {
                                var valid2 = true;
                                const len0 = data9.length;
                                for (let i0 = 0; i0 < len0; i0++) {
                                  const _errs22 = errors;
                                  if (typeof data9[i0] !== "string") {
                                    validate49.errors = [{ instancePath: instancePath + "/approvers/" + i0, schemaPath: "#/properties/approvers/items/type", keyword: "type", params: { type: "string" }, message: "must be string" }];
                                    return false;
                                  }
                                  var valid2 = _errs22 === errors;
                                  if (!valid2) {
                                    break;
                                  }
                                }
                              } else {
                                validate49.errors = [{ instancePath: instancePath + "/approvers", schemaPath: "#/properties/approvers/type", keyword: "type", params: { type: "array" }, message: "must be array" }];
                                return false;
                              }
                            }
                            var valid0 = _errs20 === errors;
                          } else {
                            var valid0 = true;
                          }
                          if (valid0) {
                            if (data.stateVersion !== void 0) {
                              let data11 = data.stateVersion;
                              const _errs24 = errors;
                              if (!(typeof data11 == "number" && (!(data11 % 1) && !isNaN(data11)) && isFinite(data11))) {
                                validate49.errors = [{ instancePath: instancePath + "/stateVersion", schemaPath: "#/properties/stateVersion/type", keyword: "type", params: { type: "integer" }, message: "must be integer" }];
                                return false;
                              }
                              var valid0 = _errs24 === errors;
                            } else {
                              var valid0 = true;
                            }
                          }
                        }
                      }
                    }
                  }
                }
              }
            }
          }
        }
      }
    } else {
      validate49.errors = [{ instancePath, schemaPath: "#/type", keyword: "type", params: { type: "object" }, message: "must be object" }];
      return false;
    }
  }
  validate49.errors = vErrors;
  return errors === 0;
}
validate49.evaluated = { "props": { "id": true, "at": true, "actor": true, "actorRole": true, "keyName": true, "action": true, "subject": true, "detail": true, "commit": true, "pullRequest": true, "approvers": true, "stateVersion": true }, "dynamicProps": false, "dynamicItems": false };
function validate48(data, { instancePath = "", parentData, parentDataProperty, rootData = data, dynamicAnchors = {} } = {}) {
  let vErrors = null;
  let errors = 0;
  const evaluated0 = validate48.evaluated;
  if (evaluated0.dynamicProps) {
    evaluated0.props = void 0;
  }
  if (evaluated0.dynamicItems) {
    evaluated0.items = void 0;
  }
  if (errors === 0) {
    if (data && typeof data == "object" && !Array.isArray(data)) {
      let missing0;
      if (data.items === void 0 && (missing0 = "items")) {
        validate48.errors = [{ instancePath, schemaPath: "#/required", keyword: "required", params: { missingProperty: missing0 }, message: "must have required property '" + missing0 + "'" }];
        return false;
      } else {
        if (data.items !== void 0) {
          let data0 = data.items;
          const _errs1 = errors;
          if (errors === _errs1) {
            if (Array.isArray(data0)) {
              var valid1 = true;
              const len0 = data0.length;
              for (let i0 = 0; i0 < len0; i0++) {
                const _errs3 = errors;
                if (!validate49(data0[i0], { instancePath: instancePath + "/items/" + i0, parentData: data0, parentDataProperty: i0, rootData, dynamicAnchors })) {
                  vErrors = vErrors === null ? validate49.errors : vErrors.concat(validate49.errors);
                  errors = vErrors.length;
                }
                var valid1 = _errs3 === errors;
                if (!valid1) {
                  break;
                }
              }
            } else {
              validate48.errors = [{ instancePath: instancePath + "/items", schemaPath: "#/properties/items/type", keyword: "type", params: { type: "array" }, message: "must be array" }];
              return false;
            }
          }
          var valid0 = _errs1 === errors;
        } else {
          var valid0 = true;
        }
        if (valid0) {
          if (data.next !== void 0) {
            const _errs4 = errors;
            if (typeof data.next !== "string") {
              validate48.errors = [{ instancePath: instancePath + "/next", schemaPath: "urn:roster:workspace-api#/$defs/Cursor/type", keyword: "type", params: { type: "string" }, message: "must be string" }];
              return false;
            }
            var valid0 = _errs4 === errors;
          } else {
            var valid0 = true;
          }
        }
      }
    } else {
      validate48.errors = [{ instancePath, schemaPath: "#/type", keyword: "type", params: { type: "object" }, message: "must be object" }];
      return false;
    }
  }
  validate48.errors = vErrors;
  return errors === 0;
}
validate48.evaluated = { "props": { "items": true, "next": true }, "dynamicProps": false, "dynamicItems": false };
var memberPage = validate51;
function validate51(data, { instancePath = "", parentData, parentDataProperty, rootData = data, dynamicAnchors = {} } = {}) {
  let vErrors = null;
  let errors = 0;
  const evaluated0 = validate51.evaluated;
  if (evaluated0.dynamicProps) {
    evaluated0.props = void 0;
  }
  if (evaluated0.dynamicItems) {
    evaluated0.items = void 0;
  }
  if (errors === 0) {
    if (data && typeof data == "object" && !Array.isArray(data)) {
      let missing0;
      if (data.items === void 0 && (missing0 = "items")) {
        validate51.errors = [{ instancePath, schemaPath: "#/required", keyword: "required", params: { missingProperty: missing0 }, message: "must have required property '" + missing0 + "'" }];
        return false;
      } else {
        if (data.items !== void 0) {
          let data0 = data.items;
          const _errs1 = errors;
          if (errors === _errs1) {
            if (Array.isArray(data0)) {
              var valid1 = true;
              const len0 = data0.length;
              for (let i0 = 0; i0 < len0; i0++) {
                let data1 = data0[i0];
                const _errs3 = errors;
                if (errors === _errs3) {
                  if (data1 && typeof data1 == "object" && !Array.isArray(data1)) {
                    let missing1;
                    if (data1.email === void 0 && (missing1 = "email") || data1.role === void 0 && (missing1 = "role") || data1.managed === void 0 && (missing1 = "managed") || data1.createdAt === void 0 && (missing1 = "createdAt")) {
                      validate51.errors = [{ instancePath: instancePath + "/items/" + i0, schemaPath: "#/properties/items/items/required", keyword: "required", params: { missingProperty: missing1 }, message: "must have required property '" + missing1 + "'" }];
                      return false;
                    } else {
                      if (data1.email !== void 0) {
                        const _errs5 = errors;
                        if (typeof data1.email !== "string") {
                          validate51.errors = [{ instancePath: instancePath + "/items/" + i0 + "/email", schemaPath: "#/properties/items/items/properties/email/type", keyword: "type", params: { type: "string" }, message: "must be string" }];
                          return false;
                        }
                        var valid2 = _errs5 === errors;
                      } else {
                        var valid2 = true;
                      }
                      if (valid2) {
                        if (data1.name !== void 0) {
                          const _errs7 = errors;
                          if (typeof data1.name !== "string") {
                            validate51.errors = [{ instancePath: instancePath + "/items/" + i0 + "/name", schemaPath: "#/properties/items/items/properties/name/type", keyword: "type", params: { type: "string" }, message: "must be string" }];
                            return false;
                          }
                          var valid2 = _errs7 === errors;
                        } else {
                          var valid2 = true;
                        }
                        if (valid2) {
                          if (data1.role !== void 0) {
                            let data4 = data1.role;
                            const _errs9 = errors;
                            if (!(data4 === "owner" || data4 === "admin" || data4 === "member" || data4 === "guest" || data4 === "external-guest")) {
                              validate51.errors = [{ instancePath: instancePath + "/items/" + i0 + "/role", schemaPath: "https://roster.dev/schemas/changes.schema.json#/$defs/role/enum", keyword: "enum", params: { allowedValues: schema37.enum }, message: "must be equal to one of the allowed values" }];
                              return false;
                            }
                            var valid2 = _errs9 === errors;
                          } else {
                            var valid2 = true;
                          }
                          if (valid2) {
                            if (data1.expires !== void 0) {
                              let data5 = data1.expires;
                              const _errs11 = errors;
                              const _errs12 = errors;
                              if (errors === _errs12) {
                                if (typeof data5 === "string") {
                                  if (!pattern7.test(data5)) {
                                    validate51.errors = [{ instancePath: instancePath + "/items/" + i0 + "/expires", schemaPath: "urn:roster:workspace-api#/$defs/Date/pattern", keyword: "pattern", params: { pattern: "^[0-9]{4}-[0-9]{2}-[0-9]{2}$" }, message: 'must match pattern "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"' }];
                                    return false;
                                  }
                                } else {
                                  validate51.errors = [{ instancePath: instancePath + "/items/" + i0 + "/expires", schemaPath: "urn:roster:workspace-api#/$defs/Date/type", keyword: "type", params: { type: "string" }, message: "must be string" }];
                                  return false;
                                }
                              }
                              var valid2 = _errs11 === errors;
                            } else {
                              var valid2 = true;
                            }
                            if (valid2) {
                              if (data1.managed !== void 0) {
                                const _errs14 = errors;
                                if (typeof data1.managed !== "boolean") {
                                  validate51.errors = [{ instancePath: instancePath + "/items/" + i0 + "/managed", schemaPath: "#/properties/items/items/properties/managed/type", keyword: "type", params: { type: "boolean" }, message: "must be boolean" }];
                                  return false;
                                }
                                var valid2 = _errs14 === errors;
                              } else {
                                var valid2 = true;
                              }
                              if (valid2) {
                                if (data1.createdAt !== void 0) {
                                  let data7 = data1.createdAt;
                                  const _errs16 = errors;
                                  const _errs17 = errors;
                                  if (errors === _errs17) {
                                    if (typeof data7 === "string") {
                                      if (!pattern58.test(data7)) {
                                        validate51.errors = [{ instancePath: instancePath + "/items/" + i0 + "/createdAt", schemaPath: "urn:roster:workspace-api#/$defs/Timestamp/pattern", keyword: "pattern", params: { pattern: "^[0-9]{4}-[0-9]{2}-[0-9]{2}T" }, message: 'must match pattern "^[0-9]{4}-[0-9]{2}-[0-9]{2}T"' }];
                                        return false;
                                      }
                                    } else {
                                      validate51.errors = [{ instancePath: instancePath + "/items/" + i0 + "/createdAt", schemaPath: "urn:roster:workspace-api#/$defs/Timestamp/type", keyword: "type", params: { type: "string" }, message: "must be string" }];
                                      return false;
                                    }
                                  }
                                  var valid2 = _errs16 === errors;
                                } else {
                                  var valid2 = true;
                                }
                              }
                            }
                          }
                        }
                      }
                    }
                  } else {
                    validate51.errors = [{ instancePath: instancePath + "/items/" + i0, schemaPath: "#/properties/items/items/type", keyword: "type", params: { type: "object" }, message: "must be object" }];
                    return false;
                  }
                }
                var valid1 = _errs3 === errors;
                if (!valid1) {
                  break;
                }
              }
            } else {
              validate51.errors = [{ instancePath: instancePath + "/items", schemaPath: "#/properties/items/type", keyword: "type", params: { type: "array" }, message: "must be array" }];
              return false;
            }
          }
          var valid0 = _errs1 === errors;
        } else {
          var valid0 = true;
        }
        if (valid0) {
          if (data.next !== void 0) {
            const _errs19 = errors;
            if (typeof data.next !== "string") {
              validate51.errors = [{ instancePath: instancePath + "/next", schemaPath: "urn:roster:workspace-api#/$defs/Cursor/type", keyword: "type", params: { type: "string" }, message: "must be string" }];
              return false;
            }
            var valid0 = _errs19 === errors;
          } else {
            var valid0 = true;
          }
        }
      }
    } else {
      validate51.errors = [{ instancePath, schemaPath: "#/type", keyword: "type", params: { type: "object" }, message: "must be object" }];
      return false;
    }
  }
  validate51.errors = vErrors;
  return errors === 0;
}
validate51.evaluated = { "props": { "items": true, "next": true }, "dynamicProps": false, "dynamicItems": false };
var keyPage = validate52;
function validate52(data, { instancePath = "", parentData, parentDataProperty, rootData = data, dynamicAnchors = {} } = {}) {
  let vErrors = null;
  let errors = 0;
  const evaluated0 = validate52.evaluated;
  if (evaluated0.dynamicProps) {
    evaluated0.props = void 0;
  }
  if (evaluated0.dynamicItems) {
    evaluated0.items = void 0;
  }
  if (errors === 0) {
    if (data && typeof data == "object" && !Array.isArray(data)) {
      let missing0;
      if (data.items === void 0 && (missing0 = "items")) {
        validate52.errors = [{ instancePath, schemaPath: "#/required", keyword: "required", params: { missingProperty: missing0 }, message: "must have required property '" + missing0 + "'" }];
        return false;
      } else {
        if (data.items !== void 0) {
          let data0 = data.items;
          const _errs1 = errors;
          if (errors === _errs1) {
            if (Array.isArray(data0)) {
              var valid1 = true;
              const len0 = data0.length;
              for (let i0 = 0; i0 < len0; i0++) {
                let data1 = data0[i0];
                const _errs3 = errors;
                if (!validate42(data1, { instancePath: instancePath + "/items/" + i0, parentData: data0, parentDataProperty: i0, rootData, dynamicAnchors })) {
                  vErrors = vErrors === null ? validate42.errors : vErrors.concat(validate42.errors);
                  errors = vErrors.length;
                }
                if (errors === _errs3) {
                  if (data1 && typeof data1 == "object" && !Array.isArray(data1)) {
                    if (data1.lastUsedAt !== void 0) {
                      let data2 = data1.lastUsedAt;
                      const _errs5 = errors;
                      const _errs6 = errors;
                      if (errors === _errs6) {
                        if (typeof data2 === "string") {
                          if (!pattern58.test(data2)) {
                            validate52.errors = [{ instancePath: instancePath + "/items/" + i0 + "/lastUsedAt", schemaPath: "urn:roster:workspace-api#/$defs/Timestamp/pattern", keyword: "pattern", params: { pattern: "^[0-9]{4}-[0-9]{2}-[0-9]{2}T" }, message: 'must match pattern "^[0-9]{4}-[0-9]{2}-[0-9]{2}T"' }];
                            return false;
                          }
                        } else {
                          validate52.errors = [{ instancePath: instancePath + "/items/" + i0 + "/lastUsedAt", schemaPath: "urn:roster:workspace-api#/$defs/Timestamp/type", keyword: "type", params: { type: "string" }, message: "must be string" }];
                          return false;
                        }
                      }
                      var valid2 = _errs5 === errors;
                    } else {
                      var valid2 = true;
                    }
                    if (valid2) {
                      for (const key0 in data1) {
                        if (key0 !== "lastUsedAt" && key0 !== "name" && key0 !== "type" && key0 !== "owner" && key0 !== "scope" && key0 !== "allIntegrations" && key0 !== "users" && key0 !== "expires" && key0 !== "managed" && key0 !== "createdAt" && key0 !== "rotatedAt" && key0 !== "rotationPending") {
                          validate52.errors = [{ instancePath: instancePath + "/items/" + i0, schemaPath: "#/properties/items/items/unevaluatedProperties", keyword: "unevaluatedProperties", params: { unevaluatedProperty: key0 }, message: "must NOT have unevaluated properties" }];
                          return false;
                          break;
                        }
                      }
                    }
                  } else {
                    validate52.errors = [{ instancePath: instancePath + "/items/" + i0, schemaPath: "#/properties/items/items/type", keyword: "type", params: { type: "object" }, message: "must be object" }];
                    return false;
                  }
                }
                var valid1 = _errs3 === errors;
                if (!valid1) {
                  break;
                }
              }
            } else {
              validate52.errors = [{ instancePath: instancePath + "/items", schemaPath: "#/properties/items/type", keyword: "type", params: { type: "array" }, message: "must be array" }];
              return false;
            }
          }
          var valid0 = _errs1 === errors;
        } else {
          var valid0 = true;
        }
        if (valid0) {
          if (data.next !== void 0) {
            const _errs9 = errors;
            if (typeof data.next !== "string") {
              validate52.errors = [{ instancePath: instancePath + "/next", schemaPath: "urn:roster:workspace-api#/$defs/Cursor/type", keyword: "type", params: { type: "string" }, message: "must be string" }];
              return false;
            }
            var valid0 = _errs9 === errors;
          } else {
            var valid0 = true;
          }
        }
      }
    } else {
      validate52.errors = [{ instancePath, schemaPath: "#/type", keyword: "type", params: { type: "object" }, message: "must be object" }];
      return false;
    }
  }
  validate52.errors = vErrors;
  return errors === 0;
}
validate52.evaluated = { "props": { "items": true, "next": true }, "dynamicProps": false, "dynamicItems": false };
var grantUsePage = validate54;
function validate54(data, { instancePath = "", parentData, parentDataProperty, rootData = data, dynamicAnchors = {} } = {}) {
  let vErrors = null;
  let errors = 0;
  const evaluated0 = validate54.evaluated;
  if (evaluated0.dynamicProps) {
    evaluated0.props = void 0;
  }
  if (evaluated0.dynamicItems) {
    evaluated0.items = void 0;
  }
  if (errors === 0) {
    if (data && typeof data == "object" && !Array.isArray(data)) {
      let missing0;
      if (data.items === void 0 && (missing0 = "items")) {
        validate54.errors = [{ instancePath, schemaPath: "#/required", keyword: "required", params: { missingProperty: missing0 }, message: "must have required property '" + missing0 + "'" }];
        return false;
      } else {
        if (data.items !== void 0) {
          let data0 = data.items;
          const _errs1 = errors;
          if (errors === _errs1) {
            if (Array.isArray(data0)) {
              var valid1 = true;
              const len0 = data0.length;
              for (let i0 = 0; i0 < len0; i0++) {
                let data1 = data0[i0];
                const _errs3 = errors;
                if (errors === _errs3) {
                  if (data1 && typeof data1 == "object" && !Array.isArray(data1)) {
                    let missing1;
                    if (data1.email === void 0 && (missing1 = "email") || data1.integration === void 0 && (missing1 = "integration")) {
                      validate54.errors = [{ instancePath: instancePath + "/items/" + i0, schemaPath: "#/properties/items/items/required", keyword: "required", params: { missingProperty: missing1 }, message: "must have required property '" + missing1 + "'" }];
                      return false;
                    } else {
                      if (data1.email !== void 0) {
                        const _errs5 = errors;
                        if (typeof data1.email !== "string") {
                          validate54.errors = [{ instancePath: instancePath + "/items/" + i0 + "/email", schemaPath: "#/properties/items/items/properties/email/type", keyword: "type", params: { type: "string" }, message: "must be string" }];
                          return false;
                        }
                        var valid2 = _errs5 === errors;
                      } else {
                        var valid2 = true;
                      }
                      if (valid2) {
                        if (data1.integration !== void 0) {
                          const _errs7 = errors;
                          if (typeof data1.integration !== "string") {
                            validate54.errors = [{ instancePath: instancePath + "/items/" + i0 + "/integration", schemaPath: "#/properties/items/items/properties/integration/type", keyword: "type", params: { type: "string" }, message: "must be string" }];
                            return false;
                          }
                          var valid2 = _errs7 === errors;
                        } else {
                          var valid2 = true;
                        }
                        if (valid2) {
                          if (data1.grantedAt !== void 0) {
                            let data4 = data1.grantedAt;
                            const _errs9 = errors;
                            const _errs10 = errors;
                            if (errors === _errs10) {
                              if (typeof data4 === "string") {
                                if (!pattern58.test(data4)) {
                                  validate54.errors = [{ instancePath: instancePath + "/items/" + i0 + "/grantedAt", schemaPath: "urn:roster:workspace-api#/$defs/Timestamp/pattern", keyword: "pattern", params: { pattern: "^[0-9]{4}-[0-9]{2}-[0-9]{2}T" }, message: 'must match pattern "^[0-9]{4}-[0-9]{2}-[0-9]{2}T"' }];
                                  return false;
                                }
                              } else {
                                validate54.errors = [{ instancePath: instancePath + "/items/" + i0 + "/grantedAt", schemaPath: "urn:roster:workspace-api#/$defs/Timestamp/type", keyword: "type", params: { type: "string" }, message: "must be string" }];
                                return false;
                              }
                            }
                            var valid2 = _errs9 === errors;
                          } else {
                            var valid2 = true;
                          }
                          if (valid2) {
                            if (data1.lastUsedAt !== void 0) {
                              let data5 = data1.lastUsedAt;
                              const _errs12 = errors;
                              const _errs13 = errors;
                              if (errors === _errs13) {
                                if (typeof data5 === "string") {
                                  if (!pattern58.test(data5)) {
                                    validate54.errors = [{ instancePath: instancePath + "/items/" + i0 + "/lastUsedAt", schemaPath: "urn:roster:workspace-api#/$defs/Timestamp/pattern", keyword: "pattern", params: { pattern: "^[0-9]{4}-[0-9]{2}-[0-9]{2}T" }, message: 'must match pattern "^[0-9]{4}-[0-9]{2}-[0-9]{2}T"' }];
                                    return false;
                                  }
                                } else {
                                  validate54.errors = [{ instancePath: instancePath + "/items/" + i0 + "/lastUsedAt", schemaPath: "urn:roster:workspace-api#/$defs/Timestamp/type", keyword: "type", params: { type: "string" }, message: "must be string" }];
                                  return false;
                                }
                              }
                              var valid2 = _errs12 === errors;
                            } else {
                              var valid2 = true;
                            }
                          }
                        }
                      }
                    }
                  } else {
                    validate54.errors = [{ instancePath: instancePath + "/items/" + i0, schemaPath: "#/properties/items/items/type", keyword: "type", params: { type: "object" }, message: "must be object" }];
                    return false;
                  }
                }
                var valid1 = _errs3 === errors;
                if (!valid1) {
                  break;
                }
              }
            } else {
              validate54.errors = [{ instancePath: instancePath + "/items", schemaPath: "#/properties/items/type", keyword: "type", params: { type: "array" }, message: "must be array" }];
              return false;
            }
          }
          var valid0 = _errs1 === errors;
        } else {
          var valid0 = true;
        }
        if (valid0) {
          if (data.next !== void 0) {
            const _errs15 = errors;
            if (typeof data.next !== "string") {
              validate54.errors = [{ instancePath: instancePath + "/next", schemaPath: "urn:roster:workspace-api#/$defs/Cursor/type", keyword: "type", params: { type: "string" }, message: "must be string" }];
              return false;
            }
            var valid0 = _errs15 === errors;
          } else {
            var valid0 = true;
          }
        }
      }
    } else {
      validate54.errors = [{ instancePath, schemaPath: "#/type", keyword: "type", params: { type: "object" }, message: "must be object" }];
      return false;
    }
  }
  validate54.errors = vErrors;
  return errors === 0;
}
validate54.evaluated = { "props": { "items": true, "next": true }, "dynamicProps": false, "dynamicItems": false };
var error = validate55;
function validate55(data, { instancePath = "", parentData, parentDataProperty, rootData = data, dynamicAnchors = {} } = {}) {
  let vErrors = null;
  let errors = 0;
  const evaluated0 = validate55.evaluated;
  if (evaluated0.dynamicProps) {
    evaluated0.props = void 0;
  }
  if (evaluated0.dynamicItems) {
    evaluated0.items = void 0;
  }
  if (errors === 0) {
    if (data && typeof data == "object" && !Array.isArray(data)) {
      let missing0;
      if (data.error === void 0 && (missing0 = "error")) {
        validate55.errors = [{ instancePath, schemaPath: "#/required", keyword: "required", params: { missingProperty: missing0 }, message: "must have required property '" + missing0 + "'" }];
        return false;
      } else {
        if (data.error !== void 0) {
          let data0 = data.error;
          const _errs1 = errors;
          if (errors === _errs1) {
            if (data0 && typeof data0 == "object" && !Array.isArray(data0)) {
              let missing1;
              if (data0.code === void 0 && (missing1 = "code") || data0.message === void 0 && (missing1 = "message")) {
                validate55.errors = [{ instancePath: instancePath + "/error", schemaPath: "#/properties/error/required", keyword: "required", params: { missingProperty: missing1 }, message: "must have required property '" + missing1 + "'" }];
                return false;
              } else {
                if (data0.code !== void 0) {
                  const _errs3 = errors;
                  if (typeof data0.code !== "string") {
                    validate55.errors = [{ instancePath: instancePath + "/error/code", schemaPath: "#/properties/error/properties/code/type", keyword: "type", params: { type: "string" }, message: "must be string" }];
                    return false;
                  }
                  var valid1 = _errs3 === errors;
                } else {
                  var valid1 = true;
                }
                if (valid1) {
                  if (data0.message !== void 0) {
                    const _errs5 = errors;
                    if (typeof data0.message !== "string") {
                      validate55.errors = [{ instancePath: instancePath + "/error/message", schemaPath: "#/properties/error/properties/message/type", keyword: "type", params: { type: "string" }, message: "must be string" }];
                      return false;
                    }
                    var valid1 = _errs5 === errors;
                  } else {
                    var valid1 = true;
                  }
                  if (valid1) {
                    if (data0.changes !== void 0) {
                      let data3 = data0.changes;
                      const _errs7 = errors;
                      if (errors === _errs7) {
                        if (Array.isArray(data3)) {
                          var valid2 = true;
                          const len0 = data3.length;
                          for (let i0 = 0; i0 < len0; i0++) {
                            let data4 = data3[i0];
                            const _errs9 = errors;
                            const _errs10 = errors;
                            if (errors === _errs10) {
                              if (data4 && typeof data4 == "object" && !Array.isArray(data4)) {
                                let missing2;
                                if (data4.index === void 0 && (missing2 = "index") || data4.code === void 0 && (missing2 = "code") || data4.message === void 0 && (missing2 = "message")) {
                                  validate55.errors = [{ instancePath: instancePath + "/error/changes/" + i0, schemaPath: "urn:roster:workspace-api#/$defs/ChangeError/required", keyword: "required", params: { missingProperty: missing2 }, message: "must have required property '" + missing2 + "'" }];
                                  return false;
                                } else {
                                  if (data4.index !== void 0) {
                                    let data5 = data4.index;
                                    const _errs12 = errors;
                                    if (!(typeof data5 == "number" && (!(data5 % 1) && !isNaN(data5)) && isFinite(data5))) {
                                      validate55.errors = [{ instancePath: instancePath + "/error/changes/" + i0 + "/index", schemaPath: "urn:roster:workspace-api#/$defs/ChangeError/properties/index/type", keyword: "type", params: { type: "integer" }, message: "must be integer" }];
                                      return false;
                                    }
                                    if (errors === _errs12) {
                                      if (typeof data5 == "number" && isFinite(data5)) {
                                        if (data5 < -1 || isNaN(data5)) {
                                          validate55.errors = [{ instancePath: instancePath + "/error/changes/" + i0 + "/index", schemaPath: "urn:roster:workspace-api#/$defs/ChangeError/properties/index/minimum", keyword: "minimum", params: { comparison: ">=", limit: -1 }, message: "must be >= -1" }];
                                          return false;
                                        }
                                      }
                                    }
                                    var valid4 = _errs12 === errors;
                                  } else {
                                    var valid4 = true;
                                  }
                                  if (valid4) {
                                    if (data4.code !== void 0) {
                                      const _errs14 = errors;
                                      if (typeof data4.code !== "string") {
                                        validate55.errors = [{ instancePath: instancePath + "/error/changes/" + i0 + "/code", schemaPath: "urn:roster:workspace-api#/$defs/ChangeError/properties/code/type", keyword: "type", params: { type: "string" }, message: "must be string" }];
                                        return false;
                                      }
                                      var valid4 = _errs14 === errors;
                                    } else {
                                      var valid4 = true;
                                    }
                                    if (valid4) {
                                      if (data4.message !== void 0) {
                                        const _errs16 = errors;
                                        if (typeof data4.message !== "string") {
                                          validate55.errors = [{ instancePath: instancePath + "/error/changes/" + i0 + "/message", schemaPath: "urn:roster:workspace-api#/$defs/ChangeError/properties/message/type", keyword: "type", params: { type: "string" }, message: "must be string" }];
                                          return false;
                                        }
                                        var valid4 = _errs16 === errors;
                                      } else {
                                        var valid4 = true;
                                      }
                                    }
                                  }
                                }
                              } else {
                                validate55.errors = [{ instancePath: instancePath + "/error/changes/" + i0, schemaPath: "urn:roster:workspace-api#/$defs/ChangeError/type", keyword: "type", params: { type: "object" }, message: "must be object" }];
                                return false;
                              }
                            }
                            var valid2 = _errs9 === errors;
                            if (!valid2) {
                              break;
                            }
                          }
                        } else {
                          validate55.errors = [{ instancePath: instancePath + "/error/changes", schemaPath: "#/properties/error/properties/changes/type", keyword: "type", params: { type: "array" }, message: "must be array" }];
                          return false;
                        }
                      }
                      var valid1 = _errs7 === errors;
                    } else {
                      var valid1 = true;
                    }
                  }
                }
              }
            } else {
              validate55.errors = [{ instancePath: instancePath + "/error", schemaPath: "#/properties/error/type", keyword: "type", params: { type: "object" }, message: "must be object" }];
              return false;
            }
          }
        }
      }
    } else {
      validate55.errors = [{ instancePath, schemaPath: "#/type", keyword: "type", params: { type: "object" }, message: "must be object" }];
      return false;
    }
  }
  validate55.errors = vErrors;
  return errors === 0;
}
validate55.evaluated = { "props": { "error": true }, "dynamicProps": false, "dynamicItems": false };

// src/providers/http/answer.ts
var EXCERPT_CHARS = 160;
async function readBody(response) {
  const chunks = [];
  const reader = response.body?.getReader();
  try {
    for (let read = await reader?.read(); read && !read.done; read = await reader?.read()) chunks.push(read.value);
  } catch (error2) {
    return { text: Buffer.concat(chunks).toString("utf8"), brokeOff: error2.message };
  }
  return { text: Buffer.concat(chunks).toString("utf8") };
}
async function readAnswer(response, url, validate, isWrite) {
  const { text, brokeOff } = await readBody(response);
  const misfit = (reason) => new ProviderError("unexpected-answer", describeAnswer(response, url, text, reason), [], isWrite);
  if (brokeOff !== void 0) throw misfit(`the body broke off after ${Buffer.byteLength(text)} bytes (${brokeOff})`);
  if (!isJson(response)) throw misfit("that is not JSON");
  let body;
  try {
    body = JSON.parse(text);
  } catch (error2) {
    throw misfit(`the JSON is cut off or malformed (${error2.message})`);
  }
  if (!validate(body)) {
    const first = validate.errors?.[0];
    throw misfit(`not what the API description says: ${first?.instancePath || "the body"} ${first?.message ?? ""}`);
  }
  return body;
}
async function readRefusal(response, validate) {
  const { text } = await readBody(response);
  if (!isJson(response)) return { text };
  try {
    const body = JSON.parse(text);
    return validate(body) ? { body, text } : { text };
  } catch {
    return { text };
  }
}
function describeAnswer(response, url, text, reason) {
  const type = response.headers.get("content-type") ?? "no content type";
  const words = [...text.replace(/\s+/g, " ").trim()];
  const excerpt = words.length > EXCERPT_CHARS ? `${words.slice(0, EXCERPT_CHARS).join("")}\u2026` : words.join("");
  return `the workspace at ${url.origin}${url.pathname} answered ${response.status} (${visible(type.slice(0, 100))}) with something other than roster's workspace API: ${visible(reason)}. ` + (excerpt ? `The answer began: "${visible(excerpt)}". ` : "The answer was empty. ") + `Check that provider.url (or ROSTER_URL) is the address of a roster workspace server and that no proxy or sign-in page answers in its place`;
}
function isJson(response) {
  return response.headers.get("content-type")?.split(";")[0]?.trim().toLowerCase() === "application/json";
}

// src/providers/http/retry.ts
var DEFAULT_RETRY = { attempts: 5, baseDelayMs: 250, maxDelayMs: 3e4, timeoutMs: 6e4 };
function isRetryable(status) {
  return status === 429 || status >= 500;
}
function retryDelayMs(policy, attempt, retryAfter, now = Date.now()) {
  if (retryAfter) {
    const seconds = Number(retryAfter);
    const ms = Number.isFinite(seconds) ? seconds * 1e3 : Date.parse(retryAfter) - now;
    if (Number.isFinite(ms) && ms >= 0) return Math.min(ms, policy.maxDelayMs);
  }
  const exponential = policy.baseDelayMs * 2 ** (attempt - 1);
  return Math.min(policy.maxDelayMs, exponential / 2 + Math.random() * (exponential / 2));
}

// src/providers/http/http-provider.ts
var PAGE_SIZE = 1e3;
var HttpProvider = class {
  constructor(baseUrl, token, retry = DEFAULT_RETRY, sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))) {
    this.baseUrl = baseUrl;
    this.token = token;
    this.retry = retry;
    this.sleep = sleep;
    this.description = `http ${baseUrl}`;
  }
  baseUrl;
  token;
  retry;
  sleep;
  capabilities = { ...FULL_CAPABILITIES, maxBatchChanges: MAX_BATCH_CHANGES };
  description;
  /** Requests sent, retries included: for benchmarks and tests. */
  requests = 0;
  loaded;
  async whoami() {
    return (await this.load()).caller;
  }
  async snapshot() {
    return (await this.load()).snapshot;
  }
  async apply(request) {
    this.loaded = void 0;
    return this.read(batchResult, "POST", "/v1/changes", {
      body: JSON.stringify({
        changes: request.changes,
        managed: true,
        ...request.context ? { context: request.context } : {}
      }),
      headers: {
        "content-type": "application/json",
        "if-match": `"${request.expectedVersion}"`,
        "idempotency-key": request.idempotencyKey
      }
    });
  }
  async usage() {
    const [members, keys, grants] = await Promise.all([
      this.everyPage("/v1/members", memberPage),
      this.everyPage("/v1/keys", keyPage),
      this.everyPage("/v1/grant-use", grantUsePage)
    ]);
    return {
      members: members.map(({ email, createdAt }) => ({ email, joinedAt: createdAt })),
      keys: keys.flatMap(({ name, lastUsedAt }) => lastUsedAt ? [{ name, lastUsedAt }] : []),
      grants: grants.map(({ email, integration, grantedAt, lastUsedAt }) => ({
        email,
        integration,
        ...grantedAt ? { grantedAt } : {},
        ...lastUsedAt ? { lastUsedAt } : {}
      }))
    };
  }
  async auditLog(filter, cursor) {
    const query = new URLSearchParams({ limit: String(PAGE_SIZE) });
    for (const name of ["member", "key", "since"]) if (filter[name]) query.set(name, filter[name]);
    if (cursor) query.set("cursor", cursor);
    return this.read(auditPage, "GET", `/v1/audit?${query}`);
  }
  async close() {
  }
  /** Every item of a paged list, page after page. */
  async everyPage(path, validate) {
    const items = [];
    let cursor;
    do {
      const query = new URLSearchParams({ limit: String(PAGE_SIZE), ...cursor ? { cursor } : {} });
      const page = await this.read(validate, "GET", `${path}?${query}`);
      items.push(...page.items);
      cursor = page.next;
    } while (cursor);
    return items;
  }
  load() {
    this.loaded ??= this.read(state, "GET", "/v1/state", {
      headers: { "accept-encoding": "gzip" }
    }).then((body) => ({ snapshot: { state: body.state, version: String(body.version) }, caller: body.caller }));
    return this.loaded;
  }
  /** Sends, and reads the answer once it is known to be what the API description says. */
  async read(validate, method, path, init = {}) {
    const response = await this.send(method, path, init);
    return readAnswer(response, new URL(path, this.baseUrl), validate, method !== "GET");
  }
  /** Sends with retries; the same Idempotency-Key makes a retried batch safe. */
  async send(method, path, init = {}) {
    const url = new URL(path, this.baseUrl);
    for (let attempt = 1; ; attempt++) {
      let response;
      try {
        this.requests++;
        response = await fetch(url, {
          method,
          ...init.body !== void 0 ? { body: init.body } : {},
          headers: { authorization: `Bearer ${this.token}`, ...init.headers },
          signal: AbortSignal.timeout(this.retry.timeoutMs),
          // The token is bound to this endpoint: a redirect is an answer, never followed.
          redirect: "manual"
        });
      } catch (error2) {
        if (attempt >= this.retry.attempts) {
          throw new ProviderError(
            "unreachable",
            `no workspace server answered at ${this.baseUrl} (${networkReason(error2)}) after ${attempt} attempts`,
            [],
            method !== "GET"
          );
        }
        await this.sleep(retryDelayMs(this.retry, attempt, null));
        continue;
      }
      if (response.ok) return response;
      if (response.status >= 300 && response.status < 400) {
        await response.body?.cancel();
        throw new ProviderError(
          "redirected",
          `the workspace at ${this.baseUrl} answered with a redirect (${response.status}); roster sends its token only to the endpoint it was given and follows no redirect. Set ROSTER_URL (or provider.url) to the address the workspace API really answers at`,
          [],
          false
        );
      }
      if (isRetryable(response.status) && attempt < this.retry.attempts) {
        await response.body?.cancel();
        await this.sleep(retryDelayMs(this.retry, attempt, response.headers.get("retry-after")));
        continue;
      }
      throw await this.failure(response, url, method !== "GET");
    }
  }
  /**
   * A definite 4xx answer means the write was refused (a retried batch that had been committed is
   * answered from the idempotency record, not refused). After a 5xx or 429 nobody knows.
   */
  async failure(response, url, isWrite) {
    const { body, text } = await readRefusal(response, error);
    const message = body?.error.message ?? describeAnswer(response, url, text, "that is not a refusal the API describes");
    switch (response.status) {
      case 401:
        return new ProviderError("unauthenticated", `the workspace refused ROSTER_TOKEN: ${message}`);
      case 403:
        return new ProviderError("forbidden", message);
      case 412:
        return new ProviderError("stale", "the workspace changed since the plan was made");
      case 422:
        return new ProviderError("rejected", `the workspace refused the batch: ${message}`, body?.error.changes ?? []);
      default:
        return new ProviderError(
          body?.error.code ?? "http-error",
          body ? `the workspace answered ${response.status}: ${message}` : message,
          [],
          isWrite && isRetryable(response.status)
        );
    }
  }
};
function networkReason(error2) {
  const cause = error2.cause;
  if (typeof cause?.code === "string") return cause.code;
  return typeof cause?.message === "string" ? cause.message : error2.message;
}

export {
  DEFAULT_RETRY,
  retryDelayMs,
  HttpProvider,
  networkReason
};
