package dev.scanpay.admin;

import java.util.Map;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.CloudFormationException;
import software.amazon.awssdk.services.cloudformation.model.Output;
import software.amazon.awssdk.services.cloudformation.model.Stack;

/** A deployed stack's outputs by key: how the tool finds the table and secrets, so nobody types their names. */
interface StackOutputs {

    Map<String, String> of(String stackName);

    /** The outputs as CloudFormation's DescribeStacks gives them. */
    static StackOutputs cloudFormation(CloudFormationClient cloudFormation) {
        return stackName -> {
            try {
                Stack stack = cloudFormation.describeStacks(b -> b.stackName(stackName)).stacks().stream().findFirst()
                        .orElseThrow(() -> new AdminRefusal("no stack named " + stackName));
                return stack.outputs().stream().collect(java.util.stream.Collectors.toMap(Output::outputKey, Output::outputValue));
            } catch (CloudFormationException e) {
                throw new AdminRefusal("cannot read stack " + stackName + ": " + e.awsErrorDetails().errorMessage());
            }
        };
    }
}
